using Portal.Infrastructure.Attachments;
using Portal.Domain.Requests;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// What a user files: the enterprise from their account, or chosen by the commissioner logging it; the files
/// of the user's draft that go with it (<see cref="Portal.Domain.Attachments.Attachment.MaxPerFiling"/> at most);
/// optionally, one of the enterprise's investment projects the request concerns (<see cref="ProjectId"/>).
/// </summary>
public sealed record SubmitRequestInput(
    int EnterpriseId, int CategoryId, Urgency Urgency, RequestChannel Channel, string? Title, string? Description,
    IReadOnlyList<Guid>? AttachmentIds = null, int? ProjectId = null);

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
    string? CommissionerName = null, int? ProjectId = null, string? ProjectName = null, IReadOnlyList<RequestAction>? AllowedActions = null,
    IReadOnlyList<AttachmentInfo>? EventFiles = null);

/// <summary>
/// One line of a request list. <see cref="UpdatedAt"/> is its last activity the reader may see;
/// <see cref="NextDeadline"/> the earliest deadline still running that concerns the reader, if any.
/// </summary>
public sealed record RequestSummary(
    long Id, string Number, string Title, RequestState State, Urgency Urgency, string EnterpriseName, DateTimeOffset SubmittedAt,
    string CategoryName = "", DateTimeOffset UpdatedAt = default, NextDeadline? NextDeadline = null);

/// <summary>
/// A running deadline as a list shows it: when it is due and the working time left (negative once
/// overdue); a paused one keeps the time it had left when the clock stopped.
/// </summary>
public sealed record NextDeadline(DeadlineKind Kind, DateTimeOffset DueAt, bool Paused, TimeSpan WorkingTimeLeft);

/// <summary>A page of a request list, newest first; <see cref="NextAfterId"/> asks for the next one, null on the last.</summary>
public sealed record RequestPage(IReadOnlyList<RequestSummary> Items, long? NextAfterId);

/// <summary>The orders a request list can take; each pages by keyset on its own (instant, id).</summary>
public enum RequestSort
{
    /// <summary>Latest submitted first.</summary>
    Newest,

    /// <summary>Earliest submitted first.</summary>
    Oldest,

    /// <summary>Latest activity the reader may see first.</summary>
    RecentlyUpdated,
}

/// <summary>
/// Which requests a list shows: in one of <see cref="States"/> (any when empty), matching <see cref="Text"/> in number,
/// title or enterprise, of one enterprise when <see cref="EnterpriseId"/> is set (or led by one department, of one park, with
/// one commissioner: the battle map's tiles), and when <see cref="Level"/> is set
/// only open ones at that level as the escalation scan recorded it (as the queue's filter reads it).
/// </summary>
public sealed record RequestListQuery(
    IReadOnlyList<RequestState>? States = null, string? Text = null, RequestSort Sort = RequestSort.Newest,
    int? EnterpriseId = null, EscalationLevel? Level = null,
    int? DepartmentId = null, int? ParkId = null, string? CommissionerUserId = null)
{
    public const int TextMaxLength = 100;
}

/// <summary>Where the next page starts: after the row with this sort key and id, in the list's order.</summary>
public sealed record RequestCursor(DateTimeOffset Key, long Id);

/// <summary>A page of a filtered, sorted list; <see cref="Next"/> null on the last.</summary>
public sealed record RequestListPage(IReadOnlyList<RequestSummary> Items, RequestCursor? Next);
