namespace Portal.Domain.Organisation;

/// <summary>园区: an industrial park of the district.</summary>
public class Park : IHasDefaultCommissioner
{
    public const int NameMaxLength = 64;

    public int Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>
    /// The commissioner who takes the requests of the park's enterprises that have no commissioner of
    /// their own (or whose commissioner was deactivated); null when none is named.
    /// </summary>
    public string? DefaultCommissionerUserId { get; private set; }

    public Park(string name) => Name = Require.Text(name, NameMaxLength, Fields.ParkName);

    public void Rename(string name) => Name = Require.Text(name, NameMaxLength, Fields.ParkName);

    public void AssignDefaultCommissioner(string? userId) =>
        DefaultCommissionerUserId = userId is null ? null : Require.Text(userId, 450, Fields.ParkCommissioner);
}
