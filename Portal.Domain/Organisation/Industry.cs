namespace Portal.Domain.Organisation;

/// <summary>产业: an industry the district reports by.</summary>
public class Industry : IHasDefaultCommissioner
{
    public const int NameMaxLength = 64;

    public int Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>
    /// The commissioner who takes the requests of the industry's enterprises that neither have a
    /// commissioner of their own nor a park default; null when none is named.
    /// </summary>
    public string? DefaultCommissionerUserId { get; private set; }

    public Industry(string name) => Name = Require.Text(name, NameMaxLength, Fields.IndustryName);

    public void Rename(string name) => Name = Require.Text(name, NameMaxLength, Fields.IndustryName);

    public void AssignDefaultCommissioner(string? userId) =>
        DefaultCommissionerUserId = userId is null ? null : Require.Text(userId, 450, Fields.IndustryCommissioner);
}
