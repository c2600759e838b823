namespace Portal.Domain.Requests;

/// <summary>
/// 草稿: what a user has typed into the form for a new request and not yet filed, one per user, kept on
/// the server so that a reload, a lost connection or another device finds it again. It holds what was
/// typed even when it is not yet valid (an over-long description is kept to be shortened, not dropped);
/// only the limits below, far beyond a valid request, bound it. Its files are attachments whose draft is
/// this user's.
/// </summary>
public sealed class RequestDraft
{
    public const int TitleMaxLength = 1000;
    public const int DescriptionMaxLength = 50_000;

    public string UserId { get; private set; } = "";
    public int? EnterpriseId { get; private set; }
    public RequestChannel? Channel { get; private set; }
    public int? CategoryId { get; private set; }
    public Urgency Urgency { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>The enterprise's project the request will concern (全生命周期服务); null when none is chosen.</summary>
    public int? ProjectId { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    private RequestDraft()
    {
    }

    public RequestDraft(string userId) => UserId = userId;

    public void Update(
        int? enterpriseId, RequestChannel? channel, int? categoryId, Urgency urgency, string? title, string? description, int? projectId,
        DateTimeOffset now)
    {
        EnterpriseId = enterpriseId;
        Channel = channel is { } c && Enum.IsDefined(c) ? c : null;
        CategoryId = categoryId;
        Urgency = Enum.IsDefined(urgency) ? urgency : Urgency.Normal;
        Title = Bounded(title, TitleMaxLength);
        Description = Bounded(description, DescriptionMaxLength);
        ProjectId = projectId;
        UpdatedAt = now;
    }

    private static string Bounded(string? text, int max) => text is null ? "" : text.Length > max ? text[..max] : text;
}
