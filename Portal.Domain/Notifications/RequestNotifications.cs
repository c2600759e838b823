using Portal.Domain.Identity;
using Portal.Domain.Requests;

namespace Portal.Domain.Notifications;

/// <summary>The people a request's event is for, named by their part in the request, not by who they are.</summary>
public enum Audience
{
    /// <summary>Every user of the request's enterprise; only ever for events the enterprise may see.</summary>
    Enterprise,

    /// <summary>The request's commissioner; the supervisors when it has none.</summary>
    Commissioner,

    /// <summary>Whoever dispatched it last (a return goes back to them).</summary>
    Dispatcher,

    /// <summary>
    /// Whoever handles it: the commissioner when handling it directly, else the lead department's
    /// handler who has it, else every handler of the lead department (its head included).
    /// </summary>
    Handler,

    /// <summary>The head of the lead department.</summary>
    LeadHead,

    /// <summary>Every handler of the department the event names as co-handler.</summary>
    CoHandlingDepartment,

    /// <summary>The cadre who guarantees the enterprise (包保干部), if any.</summary>
    Cadre,

    /// <summary>Every supervisor (营商环境督查).</summary>
    Supervisors,

    /// <summary>The person the event names: the handler a head distributes to, the commissioner a request is reassigned to.</summary>
    TargetUser,
}

/// <summary>
/// Who is told of what (DESIGN.md §2–5, written out in docs/notifications.md): one row per action.
/// The person who acted is never told of their own action. Supervision (督办) always goes by e-mail,
/// whatever the recipient's preferences; so do escalations ([Escalation]).
/// </summary>
public static class RequestNotifications
{
    public static IReadOnlyDictionary<RequestAction, Audience[]> Rules { get; } = new Dictionary<RequestAction, Audience[]>
    {
        [RequestAction.Submit] = [Audience.Enterprise, Audience.Commissioner, Audience.Cadre],
        [RequestAction.Dispatch] = [Audience.Enterprise, Audience.Handler],
        [RequestAction.HandleDirectly] = [Audience.Enterprise],
        [RequestAction.Sign] = [Audience.Enterprise, Audience.Commissioner],
        [RequestAction.Return] = [Audience.Dispatcher],
        [RequestAction.Transfer] = [Audience.Enterprise, Audience.Handler, Audience.Commissioner],
        [RequestAction.AddCoHandler] = [Audience.CoHandlingDepartment],
        [RequestAction.CoHandlerReply] = [Audience.Handler],
        [RequestAction.WaiveCoHandlerReply] = [Audience.Handler, Audience.CoHandlingDepartment],
        [RequestAction.AskForMaterials] = [Audience.Enterprise],
        [RequestAction.Supplement] = [Audience.Handler],
        [RequestAction.PublicReply] = [Audience.Enterprise],
        [RequestAction.InternalNote] = [Audience.Handler, Audience.Commissioner],
        [RequestAction.RequestExtension] = [Audience.Supervisors],
        [RequestAction.ApproveExtension] = [Audience.Enterprise, Audience.Handler, Audience.Commissioner],
        [RequestAction.DenyExtension] = [Audience.Handler, Audience.Commissioner],
        [RequestAction.Resolve] = [Audience.Enterprise, Audience.Commissioner],
        [RequestAction.Evaluate] = [Audience.Commissioner, Audience.Handler],
        [RequestAction.RecordFollowUpEvaluation] = [Audience.Handler],
        [RequestAction.ReviewDispute] = [Audience.Enterprise, Audience.Commissioner, Audience.Handler, Audience.LeadHead],
        [RequestAction.Withdraw] = [Audience.Commissioner, Audience.Handler],
        [RequestAction.Urge] = [Audience.Handler, Audience.Commissioner],
        [RequestAction.Supervise] = [Audience.Handler, Audience.LeadHead, Audience.Commissioner],
        [RequestAction.Distribute] = [Audience.TargetUser],
        [RequestAction.Reassign] = [Audience.TargetUser],
        [RequestAction.AutoClose] = [Audience.Enterprise, Audience.Commissioner],
        [RequestAction.RecountDeadlines] = [],
        // Never a timeline entry: each level names its own people (EscalationPolicy.RecipientsOf).
        [RequestAction.Escalate] = [],
    };

    /// <summary>Events that reach their recipients by e-mail whatever the recipients chose.</summary>
    public static IReadOnlySet<RequestAction> AlwaysByEmail { get; } = new HashSet<RequestAction> { RequestAction.Supervise, RequestAction.Escalate };

    /// <summary>The parts a user of this role can play in a request, so the events they may be told of.</summary>
    public static IReadOnlySet<Audience> PartsOf(string role) => role switch
    {
        Roles.Enterprise => new HashSet<Audience> { Audience.Enterprise },
        Roles.Commissioner => new HashSet<Audience> { Audience.Commissioner, Audience.Dispatcher, Audience.Handler, Audience.TargetUser },
        Roles.DepartmentHandler => new HashSet<Audience> { Audience.Handler, Audience.LeadHead, Audience.CoHandlingDepartment, Audience.TargetUser },
        Roles.Cadre => new HashSet<Audience> { Audience.Cadre },
        Roles.Supervisor => new HashSet<Audience> { Audience.Commissioner, Audience.Dispatcher, Audience.Supervisors },
        _ => new HashSet<Audience>(),
    };

    /// <summary>The events a user of this role may be told of, in the order of the lifecycle.</summary>
    public static IReadOnlyList<RequestAction> ToldTo(string role) =>
        [.. Rules.Where(r => r.Value.Any(PartsOf(role).Contains)).Select(r => r.Key).Order()];

    public static IReadOnlyList<Audience> For(RequestEvent entry) =>
        Rules[entry.Action].Where(a => a != Audience.Enterprise || entry.VisibleToEnterprise).ToList();
}
