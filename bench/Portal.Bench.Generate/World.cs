using Portal.Domain.Calendar;
using Portal.Domain.Requests;

namespace Portal.Bench.Generate;

/// <summary>Everything a request's history draws on, read from the database once: people, enterprises, categories, targets, the calendar.</summary>
public sealed class World
{
    public sealed record DepartmentStaff(int Id, string? HeadUserId, string[] Handlers);

    public sealed record EnterpriseParty(int Id, string? CommissionerUserId, string? CadreUserId, string[] Users);

    public sealed record Category(int Id, string Code, int LeadDepartmentId, double Weight);

    public required WorkCalendar Calendar { get; init; }
    public required DepartmentStaff[] Departments { get; init; }
    public required string[] Supervisors { get; init; }
    public required EnterpriseParty[] Enterprises { get; init; }
    public required Category[] Categories { get; init; }

    /// <summary>The targets each category's policy gives per urgency, as a request copies them when submitted.</summary>
    public required Dictionary<(int Category, Urgency Urgency), RequestTargets> Targets { get; init; }

    public required DateTimeOffset Until { get; init; }

    /// <summary>The escalation settings the portal seeds (80 %, one working day): the levels generated with the histories.</summary>
    public EscalationPolicy Policy { get; init; } = EscalationPolicy.Default;

    /// <summary>Notices are written for the timeline entries of these last days only (older inboxes are not what is measured).</summary>
    public TimeSpan NoticeWindow { get; init; } = TimeSpan.FromDays(60);

    public DepartmentStaff Department(int id) => Departments.First(d => d.Id == id);
}
