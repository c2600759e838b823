using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Escalation;

/// <summary>
/// The staff an escalation may tell, read once per scan rather than once per request: the supervisors, each
/// department's head and members, and each staff member's address, name, language and whether they are active.
/// A scan sees them as they stood when it began, as it sees the deadlines; the next scan sees any change.
/// </summary>
internal sealed class EscalationDirectory
{
    internal sealed record Person(string Id, string? Email, string DisplayName, string? PreferredCulture, bool Active);

    private readonly Dictionary<string, Person> _staff;
    private readonly Dictionary<int, string> _heads;
    private readonly ILookup<int, string> _members;

    private EscalationDirectory(
        IReadOnlyCollection<string> supervisors, Dictionary<int, string> heads, ILookup<int, string> members, Dictionary<string, Person> staff)
    {
        Supervisors = supervisors;
        _heads = heads;
        _members = members;
        _staff = staff;
    }

    public IReadOnlyCollection<string> Supervisors { get; }

    public static async Task<EscalationDirectory> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var supervisors = await RequestPeople.SupervisorsAsync(db, cancellationToken);
        var heads = await db.Departments.AsNoTracking().Where(d => d.HeadUserId != null)
            .Select(d => new { d.Id, d.HeadUserId }).ToDictionaryAsync(d => d.Id, d => d.HeadUserId!, cancellationToken);
        var staff = await db.Users.AsNoTracking().Where(u => u.EnterpriseId == null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture, u.DeactivatedAt, u.DepartmentId })
            .ToListAsync(cancellationToken);
        return new EscalationDirectory(
            supervisors,
            heads,
            staff.Where(u => u.DepartmentId is not null).ToLookup(u => u.DepartmentId!.Value, u => u.Id),
            staff.ToDictionary(u => u.Id, u => new Person(u.Id, u.Email, u.DisplayName, u.PreferredCulture, u.DeactivatedAt is null)));
    }

    /// <summary>The request's commissioner; the supervisors, who dispatch in their stead, when it has none.</summary>
    public IReadOnlyCollection<string> Commissioner(ServiceRequest request) =>
        request.CommissionerUserId is { } commissioner ? [commissioner] : Supervisors;

    /// <summary>The head of the department, if it has one.</summary>
    public IReadOnlyCollection<string> Head(int? departmentId) =>
        departmentId is { } id && _heads.TryGetValue(id, out var head) ? [head] : [];

    /// <summary>Every member of the department, its head included; nobody for no department.</summary>
    public IReadOnlyCollection<string> Department(int? departmentId) => departmentId is { } id ? [.. _members[id]] : [];

    /// <summary>The lead department's handler who has the request, else every member of the lead department.</summary>
    public IReadOnlyCollection<string> LeadHandlers(ServiceRequest request) =>
        request.LeadHandlerUserId is { } handler ? [handler] : Department(request.LeadDepartmentId);

    /// <summary>The active ones among these users; anyone not among the staff read at the start is read now.</summary>
    public async Task<List<Person>> ActiveAsync(PortalDbContext db, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var people = new List<Person>();
        var unknown = new List<string>();
        foreach (var id in userIds)
        {
            if (_staff.TryGetValue(id, out var person))
            {
                people.Add(person);
            }
            else
            {
                unknown.Add(id);
            }
        }
        if (unknown.Count > 0)
        {
            people.AddRange(await db.Users.AsNoTracking().Where(u => unknown.Contains(u.Id))
                .Select(u => new Person(u.Id, u.Email, u.DisplayName, u.PreferredCulture, u.DeactivatedAt == null))
                .ToListAsync(cancellationToken));
        }
        return [.. people.Where(p => p.Active)];
    }
}
