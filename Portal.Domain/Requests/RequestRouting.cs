namespace Portal.Domain.Requests;

/// <summary>
/// Where a new request goes (DESIGN.md §2, issue [Escalation]): the enterprise's own commissioner,
/// else the default commissioner of its park, else that of its industry, else nobody — the supervisors'
/// dispatch queue (待受理 with no commissioner). Only a missing or deactivated commissioner moves a
/// request down the order.
/// </summary>
public static class RequestRouting
{
    /// <param name="isActive">Whether the user may still take requests (exists and is not deactivated).</param>
    public static string? CommissionerFor(
        string? enterpriseCommissioner, string? parkDefault, string? industryDefault, Func<string, bool> isActive) =>
        new[] { enterpriseCommissioner, parkDefault, industryDefault }.FirstOrDefault(c => c is not null && isActive(c));
}
