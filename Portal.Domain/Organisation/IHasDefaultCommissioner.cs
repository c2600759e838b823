namespace Portal.Domain.Organisation;

/// <summary>
/// A park or an industry: a named group of enterprises whose default commissioner takes the requests of
/// enterprises without an active commissioner of their own (the routing defaults, 默认服务专员).
/// </summary>
public interface IHasDefaultCommissioner
{
    int Id { get; }

    string Name { get; }

    string? DefaultCommissionerUserId { get; }

    void Rename(string name);

    void AssignDefaultCommissioner(string? userId);
}
