using Portal.Domain.Calendar;
using Portal.Domain.Identity;

namespace Portal.Domain.Requests;

/// <summary>
/// 诉求 (工单): a difficulty an enterprise raised, and everything done about it. Every action is a
/// method that checks the lifecycle table, who may act, and the rules of DESIGN.md §3, and fails with
/// a <see cref="DomainException"/> saying why; a success appends to the timeline and moves the deadlines.
/// </summary>
public sealed partial class ServiceRequest
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 5000;
    public const int NumberMaxLength = 32;

    private readonly List<RequestEvent> _timeline = [];
    private readonly List<RequestDeadline> _deadlines = [];
    private readonly List<CoHandler> _coHandlers = [];
    private readonly List<int> _returnedBy = [];

    public long Id { get; private set; }

    /// <summary>YQBY-yyyyMMdd-NNNN, given by the portal when the request is submitted.</summary>
    public string Number { get; private set; } = "";

    public int EnterpriseId { get; private set; }
    public RequestChannel Channel { get; private set; }
    public int CategoryId { get; private set; }
    public Urgency Urgency { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public RequestState State { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";

    /// <summary>The commissioner who dispatches it; null when the enterprise has none, and the supervisors do.</summary>
    public string? CommissionerUserId { get; private set; }

    /// <summary>The cadre who guarantees the enterprise (包保干部), if any: the top of escalation.</summary>
    public string? CadreUserId { get; private set; }

    /// <summary>Who dispatched it last: a return (退单) goes back to them. Null until dispatched.</summary>
    public string? DispatchedByUserId { get; private set; }

    /// <summary>The lead department (主办); null before dispatch and when the commissioner handles it directly.</summary>
    public int? LeadDepartmentId { get; private set; }

    /// <summary>The handler in the lead department who has it; null until signed or distributed.</summary>
    public string? LeadHandlerUserId { get; private set; }

    /// <summary>When the current lead department was sent it (dispatch or transfer): the return window counts from here.</summary>
    public DateTimeOffset? LeadAssignedAt { get; private set; }

    /// <summary>Whether the current lead department has signed for it since it was sent.</summary>
    public bool LeadSigned { get; private set; }

    /// <summary>True when the commissioner handles it without a department.</summary>
    public bool HandledByCommissioner { get; private set; }

    public int ReopenCount { get; private set; }
    public int ApprovedExtensions { get; private set; }

    /// <summary>Working days of the extension waiting for a supervisor; null when none is pending.</summary>
    public int? PendingExtensionDays { get; private set; }

    public DateTimeOffset? LastUrgedAt { get; private set; }

    /// <summary>The enterprise's investment project it concerns (全生命周期服务), if the filer linked one.</summary>
    public int? ProjectId { get; private set; }

    /// <summary>The last evaluation: solved or not. Null until evaluated.</summary>
    public bool? Solved { get; private set; }

    public Satisfaction? Satisfaction { get; private set; }

    /// <summary>
    /// Whether the final rating counts in the satisfaction figures: false when never rated (auto-closed)
    /// or when the supervisors overturned a disputed rating.
    /// </summary>
    public bool RatingCounts { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When its timeline last grew: the "last update" staff see and sort by.</summary>
    public DateTimeOffset LastActivityAt { get; private set; }

    /// <summary>When its timeline last grew by an entry the enterprise may see: its "last update".</summary>
    public DateTimeOffset LastPublicActivityAt { get; private set; }

    /// <summary>
    /// When its running deadline due first falls due (open, not the evaluation window), null when none runs (paused,
    /// resolved, closed): the order of the staff queue, kept with every move so that the queue reads an index.
    /// </summary>
    public DateTimeOffset? NextDueAt { get; private set; }

    /// <summary>The targets copied from the policy at submission.</summary>
    public RequestTargets Targets { get; private set; } = RequestTargets.Defaults(Urgency.Normal);

    /// <summary>Optimistic concurrency: bumped by every action, so two people acting at once cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<RequestEvent> Timeline => _timeline;
    public IReadOnlyList<RequestDeadline> Deadlines => _deadlines;
    public IReadOnlyList<CoHandler> CoHandlers => _coHandlers;
    public IReadOnlyList<int> ReturnedByDepartments => _returnedBy;

    /// <summary>The evaluation window (评价期限) running while the request is 已答复; null when none runs.</summary>
    public RequestDeadline? RunningEvaluationWindow() => _deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Evaluation && d.IsRunning);

    private ServiceRequest()
    {
    }

    /// <summary>Files a request: by the enterprise through the portal, or logged by its commissioner from another channel.</summary>
    public static ServiceRequest Submit(
        Actor actor, string number, int enterpriseId, RequestChannel channel, int categoryId, Urgency urgency,
        string? title, string? description, string? commissionerUserId, string? cadreUserId, RequestTargets targets,
        WorkCalendar calendar, DateTimeOffset now, int? projectId = null)
    {
        RequestLifecycle.Require(RequestState.Submitted, RequestAction.Submit, actor.Role);
        if (actor.Role == Roles.Enterprise && (actor.EnterpriseId != enterpriseId || channel != RequestChannel.Portal))
        {
            throw new DomainException(RequestRefusals.EnterpriseFilesOwnOnly, "企业用户只能通过平台为本企业提交诉求");
        }
        if (actor.Role == Roles.Commissioner && (actor.UserId != commissionerUserId || channel == RequestChannel.Portal))
        {
            throw new DomainException(RequestRefusals.CommissionerFilesOwnOnly, "服务专员只能为自己联系的企业代为登记电话、走访、热线或会客厅收到的诉求");
        }
        if (!Enum.IsDefined(channel) || !Enum.IsDefined(urgency))
        {
            throw new DomainException(RequestRefusals.ChannelOrUrgencyInvalid, "诉求渠道或紧急程度无效");
        }
        var request = new ServiceRequest
        {
            Number = Require.Text(number, NumberMaxLength, Fields.RequestNumber),
            EnterpriseId = enterpriseId,
            Channel = channel,
            CategoryId = categoryId,
            Urgency = urgency,
            Title = Require.Text(title, TitleMaxLength, Fields.RequestTitle),
            Description = Require.Text(description, DescriptionMaxLength, Fields.RequestDescription),
            State = RequestState.Submitted,
            SubmittedAt = now,
            SubmittedByUserId = actor.UserId,
            CommissionerUserId = commissionerUserId,
            CadreUserId = cadreUserId,
            Targets = targets,
            ProjectId = projectId,
        };
        request.Record(RequestAction.Submit, actor, now, calendar, visible: true);
        return request;
    }
}
