using Portal.Domain.Requests;

namespace Portal.Infrastructure.Requests;

/// <summary>What a user files: the enterprise from their account, or chosen by the commissioner logging it.
/// <see cref="ProjectId"/>: optionally, one of the enterprise's investment projects the request concerns.</summary>
public sealed record SubmitRequestInput(
    int EnterpriseId, int CategoryId, Urgency Urgency, RequestChannel Channel, string? Title, string? Description, int? ProjectId = null);

/// <summary>
/// One request as the given user may see it: internal timeline entries only for staff. <see cref="People"/>
/// and <see cref="Departments"/> name whoever and whichever its timeline mentions. <see cref="Level"/> is how late
/// the request is now (its highest running deadline's), and <see cref="DeadlineLevels"/> each deadline's, by id;
/// both on time for the enterprise, which sees only its resolution deadline and its evaluation window.
/// <see cref="AllowedActions"/> are what this user may offer to do now (the domain's answer, not the page's);
/// <see cref="CommissionerName"/> the commissioner who looks after it, <see cref="ProjectName"/> its linked project's.
/// </summary>
public sealed record RequestDetails(
    string Number, int Version, RequestState State, string Title, string Description, RequestChannel Channel, Urgency Urgency,
    int EnterpriseId, string EnterpriseName, int CategoryId, string CategoryName, int? LeadDepartmentId, string? LeadDepartmentName,
    DateTimeOffset SubmittedAt, IReadOnlyList<RequestEvent> Timeline, IReadOnlyList<RequestDeadline> Deadlines,
    IReadOnlyList<CoHandler> CoHandlers, int ReopenCount, int ApprovedExtensions, int? PendingExtensionDays,
    IReadOnlyDictionary<string, string> People, IReadOnlyDictionary<int, string> Departments,
    EscalationLevel Level, IReadOnlyDictionary<long, EscalationLevel> DeadlineLevels,
    string? CommissionerName = null, int? ProjectId = null, string? ProjectName = null, IReadOnlyList<RequestAction>? AllowedActions = null);

/// <summary>One line of a request list.</summary>
public sealed record RequestSummary(
    long Id, string Number, string Title, RequestState State, Urgency Urgency, string EnterpriseName, DateTimeOffset SubmittedAt);

/// <summary>A page of a request list, newest first; <see cref="NextAfterId"/> asks for the next one, null on the last.</summary>
public sealed record RequestPage(IReadOnlyList<RequestSummary> Items, long? NextAfterId);
