using Portal.Domain.Identity;

namespace Portal.Domain.Requests;

/// <summary>
/// One row of the lifecycle: from this state, these roles may take this action, and the request
/// moves to <see cref="To"/> (empty: it stays where it is; several: the action's answers decide).
/// Who within a role may act (their own enterprise, the lead department …) is checked by
/// <see cref="ServiceRequest"/> itself.
/// </summary>
public sealed record LifecycleRule(RequestState From, RequestAction Action, IReadOnlyList<string> Roles, IReadOnlyList<RequestState> To);

/// <summary>
/// The whole lifecycle of a request in one table (DESIGN.md §3). Nothing else decides which
/// action may happen in which state and by which role.
/// </summary>
public static class RequestLifecycle
{
    /// <summary>The portal itself: escalation and auto-close.</summary>
    public const string System = nameof(System);

    private const RequestState Submitted = RequestState.Submitted;
    private const RequestState Dispatched = RequestState.Dispatched;
    private const RequestState InProgress = RequestState.InProgress;
    private const RequestState Awaiting = RequestState.AwaitingEnterprise;
    private const RequestState Resolved = RequestState.Resolved;
    private const RequestState UnderReview = RequestState.UnderReview;
    private const RequestState Closed = RequestState.Closed;
    private const RequestState Withdrawn = RequestState.Withdrawn;

    private static readonly string[] Enterprise = [Roles.Enterprise];
    private static readonly string[] Commissioner = [Roles.Commissioner];
    private static readonly string[] Handler = [Roles.DepartmentHandler];
    private static readonly string[] Supervisor = [Roles.Supervisor];
    private static readonly string[] Dispatchers = [Roles.Commissioner, Roles.Supervisor];
    private static readonly string[] Repliers = [Roles.DepartmentHandler, Roles.Commissioner, Roles.Supervisor];
    private static readonly string[] Staff = [Roles.Commissioner, Roles.DepartmentHandler, Roles.Cadre, Roles.Supervisor];
    private static readonly string[] Overseers = [Roles.Cadre, Roles.Supervisor, System];
    private static readonly string[] Portal = [System];

    /// <summary>Supervisors, and the portal when an admin deactivates a commissioner or gives an enterprise another one.</summary>
    private static readonly string[] Reassigners = [Roles.Supervisor, System];

    private static readonly RequestState[] Open = [Submitted, Dispatched, InProgress, Awaiting];
    private static readonly RequestState[] Stays = [];

    public static IReadOnlyList<LifecycleRule> Rules { get; } =
    [
        // Submission: by the enterprise, or logged by its commissioner from a call, visit or hotline.
        .. Row([Submitted], RequestAction.Submit, [Roles.Enterprise, Roles.Commissioner], [Submitted]),

        // Accept and dispatch (受理派单), or handle it directly.
        .. Row([Submitted], RequestAction.Dispatch, Dispatchers, [Dispatched]),
        .. Row([Submitted], RequestAction.HandleDirectly, Commissioner, [InProgress]),
        .. Row([Submitted], RequestAction.Reassign, Reassigners, Stays),

        // The lead department signs (签收), returns (退单) within its window, or has it transferred (转办).
        .. Row([Dispatched, InProgress], RequestAction.Sign, Handler, [InProgress]),
        .. Row([Dispatched, InProgress], RequestAction.Return, Handler, [Submitted]),
        .. Row([Dispatched, InProgress], RequestAction.Transfer, Dispatchers, Stays),
        .. Row([Dispatched, InProgress], RequestAction.Distribute, Handler, Stays),
        .. Row([Dispatched, InProgress, Awaiting], RequestAction.Reassign, Reassigners, Stays),

        // A handover of the commissioner (deactivated, or the enterprise given another) takes the answered and
        // disputed requests too, so a reopen (重办) or a review's outcome lands with someone who can act on it.
        .. Row([Resolved, UnderReview], RequestAction.Reassign, Portal, Stays),

        // Co-handling (协办).
        .. Row([Dispatched, InProgress], RequestAction.AddCoHandler, [Roles.Commissioner, Roles.DepartmentHandler, Roles.Supervisor], Stays),
        .. Row([Dispatched, InProgress, Awaiting], RequestAction.CoHandlerReply, Handler, Stays),
        .. Row([Dispatched, InProgress, Awaiting], RequestAction.WaiveCoHandlerReply, Supervisor, Stays),

        // Handling: materials (待补充), replies, extensions (延期), resolution.
        .. Row([InProgress], RequestAction.AskForMaterials, [Roles.DepartmentHandler, Roles.Commissioner], [Awaiting]),
        .. Row([Awaiting], RequestAction.Supplement, Enterprise, [InProgress]),
        .. Row([Submitted, Dispatched, InProgress, Awaiting], RequestAction.PublicReply, Repliers, Stays),
        .. Row([.. Open, Resolved, UnderReview, Closed, Withdrawn], RequestAction.InternalNote, Staff, Stays),
        .. Row([InProgress], RequestAction.RequestExtension, [Roles.DepartmentHandler, Roles.Commissioner], Stays),
        .. Row([InProgress, Awaiting], RequestAction.ApproveExtension, Supervisor, Stays),
        .. Row([InProgress, Awaiting], RequestAction.DenyExtension, Supervisor, Stays),
        .. Row([InProgress], RequestAction.Resolve, [Roles.DepartmentHandler, Roles.Commissioner], [Resolved]),

        // Evaluation (回访评价): closes, reopens (重办), or after two reopens goes to review (甄别).
        .. Row([Resolved], RequestAction.Evaluate, Enterprise, [Closed, InProgress, UnderReview]),
        .. Row([Resolved], RequestAction.RecordFollowUpEvaluation, Dispatchers, [Closed, InProgress, UnderReview]),
        .. Row([UnderReview], RequestAction.ReviewDispute, Supervisor, [Closed]),
        .. Row([Resolved], RequestAction.AutoClose, Portal, [Closed]),

        // The enterprise may withdraw or urge (催办) while it is open; overseers supervise (督办).
        .. Row(Open, RequestAction.Withdraw, Enterprise, [Withdrawn]),
        .. Row(Open, RequestAction.Urge, Enterprise, Stays),
        .. Row(Open, RequestAction.Supervise, Overseers, Stays),

        // A calendar change counts the deadlines of every request still on the clock again.
        .. Row([.. Open, Resolved], RequestAction.RecountDeadlines, Portal, Stays),
    ];

    private static readonly Dictionary<(RequestState, RequestAction), LifecycleRule> Index =
        Rules.ToDictionary(r => (r.From, r.Action));

    /// <summary>The rule for this state and action, whatever the role; null when the state does not allow it.</summary>
    public static LifecycleRule? Find(RequestState from, RequestAction action) =>
        Index.GetValueOrDefault((from, action));

    /// <summary>Every action the table lets this role take from this state, in the table's order.</summary>
    public static IReadOnlyList<RequestAction> ActionsFor(RequestState from, string role) =>
        [.. Rules.Where(r => r.From == from && r.Roles.Contains(role)).Select(r => r.Action)];

    public static bool Allows(RequestState from, RequestAction action, string role) =>
        Find(from, action)?.Roles.Contains(role) == true;

    /// <summary>Refuses, with a message the user can read, an action the table does not allow.</summary>
    public static LifecycleRule Require(RequestState from, RequestAction action, string role)
    {
        var rule = Find(from, action)
            ?? throw new DomainException(
                RequestRefusals.LifecycleState, $"{RequestLabels.Of(from)}的诉求不能{RequestActionLabels.Of(action)}", from, action);
        if (!rule.Roles.Contains(role))
        {
            throw new DomainException(RequestRefusals.LifecycleRole, $"您的角色不能对诉求{RequestActionLabels.Of(action)}", action);
        }
        return rule;
    }

    private static IEnumerable<LifecycleRule> Row(RequestState[] from, RequestAction action, string[] roles, RequestState[] to) =>
        from.Select(state => new LifecycleRule(state, action, roles, to));
}
