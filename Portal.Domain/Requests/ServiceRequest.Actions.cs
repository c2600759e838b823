using Portal.Domain.Calendar;
using Portal.Domain.Identity;

namespace Portal.Domain.Requests;

public sealed partial class ServiceRequest
{
    /// <summary>Most extension a handler may ask for at once, in working days.</summary>
    public const int MaxExtensionDays = 30;

    /// <summary>受理派单: sends it to the department that will lead.</summary>
    public void Dispatch(Actor actor, int departmentId, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Dispatch, actor.Role);
        RequireDispatcher(actor, RequestAction.Dispatch);
        AssignLead(departmentId, now);
        DispatchedByUserId = actor.UserId;
        Record(RequestAction.Dispatch, actor, now, calendar, visible: true, RequestState.Dispatched, e => e.With(departmentId: departmentId));
    }

    /// <summary>The commissioner takes it on without a department.</summary>
    public void HandleDirectly(Actor actor, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.HandleDirectly, actor.Role);
        RequireOwnCommissioner(actor, RequestAction.HandleDirectly);
        HandledByCommissioner = true;
        LeadDepartmentId = null;
        LeadHandlerUserId = null;
        DispatchedByUserId = actor.UserId;
        Record(RequestAction.HandleDirectly, actor, now, calendar, visible: true, RequestState.InProgress);
    }

    /// <summary>签收: the lead department accepts it.</summary>
    public void Sign(Actor actor, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Sign, actor.Role);
        RequireLeadDepartment(actor, RequestAction.Sign);
        if (LeadSigned)
        {
            throw new DomainException(RequestRefusals.AlreadySigned, "本部门已签收该诉求");
        }
        LeadSigned = true;
        LeadHandlerUserId ??= actor.UserId;
        Record(RequestAction.Sign, actor, now, calendar, visible: true, RequestState.InProgress);
    }

    /// <summary>退单: the lead department sends it back to its dispatcher, once, within its window.</summary>
    public void ReturnToDispatcher(Actor actor, ReturnReason reason, string? explanation, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Return, actor.Role);
        RequireLeadDepartment(actor, RequestAction.Return);
        if (!Enum.IsDefined(reason))
        {
            throw new DomainException(RequestRefusals.ReturnReasonRequired, "请选择退单原因");
        }
        var department = LeadDepartmentId!.Value;
        if (_returnedBy.Contains(department))
        {
            throw new DomainException(RequestRefusals.ReturnedBefore, "每个部门对同一诉求只能退单一次");
        }
        var window = calendar.DeadlineFor(LeadAssignedAt!.Value, Targets.ReturnWindow).At;
        if (now > window)
        {
            throw new DomainException(RequestRefusals.ReturnWindowPassed, $"退单须在派单后{Targets.ReturnWindow}内提出，退单时限已过", Targets.ReturnWindow);
        }
        _returnedBy.Add(department);
        LeadDepartmentId = null;
        LeadHandlerUserId = null;
        LeadAssignedAt = null;
        LeadSigned = false;
        Record(RequestAction.Return, actor, now, calendar, visible: false, RequestState.Submitted,
            e => e.With(text: OptionalText(explanation), departmentId: department, returnReason: reason));
    }

    /// <summary>转办: a dispatcher moves it to another department; the state stays, the sign clock restarts.</summary>
    public void Transfer(Actor actor, int departmentId, string? explanation, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Transfer, actor.Role);
        RequireDispatcher(actor, RequestAction.Transfer);
        if (departmentId == LeadDepartmentId)
        {
            throw new DomainException(RequestRefusals.AlreadyLeading, "该诉求已由此部门牵头办理");
        }
        AssignLead(departmentId, now);
        Record(RequestAction.Transfer, actor, now, calendar, visible: true, State,
            e => e.With(text: OptionalText(explanation), departmentId: departmentId));
    }

    /// <summary>分办: the head of the lead department hands it to one of its handlers.</summary>
    public void Distribute(Actor actor, string handlerUserId, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Distribute, actor.Role);
        RequireLeadDepartment(actor, RequestAction.Distribute);
        if (!actor.IsDepartmentHead)
        {
            throw new DomainException(RequestRefusals.DistributeByHeadOnly, "只有部门负责人可以分办");
        }
        LeadHandlerUserId = Require.Text(handlerUserId, 450, Fields.Handler);
        Record(RequestAction.Distribute, actor, now, calendar, visible: false, State, e => e.With(targetUserId: handlerUserId));
    }

    /// <summary>A supervisor gives the request another commissioner.</summary>
    public void Reassign(Actor actor, string commissionerUserId, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Reassign, actor.Role);
        CommissionerUserId = Require.Text(commissionerUserId, 450, Fields.Commissioner);
        Record(RequestAction.Reassign, actor, now, calendar, visible: false, State, e => e.With(targetUserId: commissionerUserId));
    }

    /// <summary>协办: adds a department that owes the lead a reply; the first one lengthens the resolve target.</summary>
    public void AddCoHandler(Actor actor, int departmentId, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.AddCoHandler, actor.Role);
        if (!IsDispatcher(actor) && !IsLeadDepartment(actor))
        {
            throw Refused(RequestAction.AddCoHandler, Parties.DispatcherOrLeadDepartment);
        }
        if (departmentId == LeadDepartmentId)
        {
            throw new DomainException(RequestRefusals.LeadCannotCoHandle, "牵头部门不能同时作为协办单位");
        }
        if (_coHandlers.Any(c => c.DepartmentId == departmentId))
        {
            throw new DomainException(RequestRefusals.AlreadyCoHandler, "该部门已是协办单位");
        }
        _coHandlers.Add(new CoHandler(departmentId, now));
        Record(RequestAction.AddCoHandler, actor, now, calendar, visible: false, State, e => e.With(departmentId: departmentId));
    }

    /// <summary>A co-handling department answers the lead.</summary>
    public void CoHandlerReply(Actor actor, string? text, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.CoHandlerReply, actor.Role);
        var coHandler = _coHandlers.FirstOrDefault(c => c.DepartmentId == actor.DepartmentId)
            ?? throw new DomainException(RequestRefusals.OnlyCoHandlersReply, "只有协办单位可以答复牵头部门");
        if (coHandler.IsSettled)
        {
            throw new DomainException(RequestRefusals.CoHandlerAlreadyReplied, "本单位已答复牵头部门");
        }
        var reply = RequiredText(text, Fields.CoHandlerOpinion);
        coHandler.Reply(now);
        Record(RequestAction.CoHandlerReply, actor, now, calendar, visible: false, State, e => e.With(text: reply, departmentId: coHandler.DepartmentId));
    }

    /// <summary>A supervisor lets the lead resolve without a co-handler's reply.</summary>
    public void WaiveCoHandlerReply(Actor actor, int departmentId, string? reason, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.WaiveCoHandlerReply, actor.Role);
        var coHandler = _coHandlers.FirstOrDefault(c => c.DepartmentId == departmentId)
            ?? throw new DomainException(RequestRefusals.NotACoHandler, "该部门不是此诉求的协办单位");
        if (coHandler.IsSettled)
        {
            throw new DomainException(RequestRefusals.CoHandlerSettled, "该协办单位已答复或已免除答复");
        }
        coHandler.Waive(now);
        Record(RequestAction.WaiveCoHandlerReply, actor, now, calendar, visible: false, State,
            e => e.With(text: OptionalText(reason), departmentId: departmentId));
    }

    /// <summary>待补充: asks the enterprise for materials; the resolve clock stops until they come.</summary>
    public void AskForMaterials(Actor actor, string? whatIsNeeded, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.AskForMaterials, actor.Role);
        RequireHandler(actor, RequestAction.AskForMaterials);
        var text = RequiredText(whatIsNeeded, Fields.MaterialsNeeded);
        Record(RequestAction.AskForMaterials, actor, now, calendar, visible: true, RequestState.AwaitingEnterprise, e => e.With(text: text));
    }

    /// <summary>The enterprise supplies what was asked for; the resolve clock runs again.</summary>
    public void Supplement(Actor actor, string? text, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Supplement, actor.Role);
        RequireOwnEnterprise(actor);
        var supplement = RequiredText(text, Fields.Supplement);
        Record(RequestAction.Supplement, actor, now, calendar, visible: true, RequestState.InProgress, e => e.With(text: supplement));
    }

    /// <summary>A reply the enterprise sees; the first such staff message meets the first-reply deadline.</summary>
    public void PublicReply(Actor actor, string? text, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.PublicReply, actor.Role);
        if (!IsDispatcher(actor) && !IsLeadDepartment(actor))
        {
            throw Refused(RequestAction.PublicReply, Parties.DispatcherOrLeadDepartment);
        }
        var reply = RequiredText(text, Fields.Reply);
        Record(RequestAction.PublicReply, actor, now, calendar, visible: true, State, e => e.With(text: reply));
    }

    /// <summary>A note for staff only; the enterprise never sees it.</summary>
    public void InternalNote(Actor actor, string? text, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.InternalNote, actor.Role);
        var involved = actor.Role switch
        {
            Roles.Supervisor => true,
            Roles.Commissioner => actor.UserId == CommissionerUserId,
            Roles.Cadre => actor.UserId == CadreUserId,
            Roles.DepartmentHandler => IsLeadDepartment(actor) || _coHandlers.Any(c => c.DepartmentId == actor.DepartmentId),
            _ => false,
        };
        if (!involved)
        {
            throw Refused(RequestAction.InternalNote, Parties.Involved);
        }
        var note = RequiredText(text, Fields.Note);
        Record(RequestAction.InternalNote, actor, now, calendar, visible: false, State, e => e.With(text: note));
    }

    /// <summary>延期: asks a supervisor for more working days, before the deadline's last working day.</summary>
    public void RequestExtension(Actor actor, int days, string? reason, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.RequestExtension, actor.Role);
        RequireHandler(actor, RequestAction.RequestExtension);
        if (PendingExtensionDays is not null)
        {
            throw new DomainException(RequestRefusals.ExtensionPending, "已有一项延期申请待审批，请等待审批结果");
        }
        if (ApprovedExtensions >= Targets.MaxExtensions)
        {
            throw new DomainException(RequestRefusals.ExtensionLimit, $"每件诉求最多延期 {Targets.MaxExtensions} 次，已达上限", Targets.MaxExtensions);
        }
        if (days is < 1 or > MaxExtensionDays)
        {
            throw new DomainException(RequestRefusals.ExtensionDaysOutOfRange, $"延期天数应为 1 至 {MaxExtensionDays} 个工作日", MaxExtensionDays);
        }
        var resolve = _deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.Resolve && d.IsRunning)
            ?? throw new DomainException(RequestRefusals.NoRunningResolveDeadline, "该诉求没有进行中的办结期限");
        if (WorkCalendar.DayOf(now) >= WorkCalendar.DayOf(resolve.DueAt))
        {
            throw new DomainException(RequestRefusals.ExtensionTooLate, "延期须在办结期限的最后一个工作日之前申请");
        }
        var why = RequiredText(reason, Fields.ExtensionReason);
        PendingExtensionDays = days;
        Record(RequestAction.RequestExtension, actor, now, calendar, visible: false, State, e => e.With(text: why, days: days));
    }

    /// <summary>A supervisor grants working days, up to those asked for; the resolve deadline moves (a new generation).</summary>
    public void ApproveExtension(Actor actor, int days, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.ApproveExtension, actor.Role);
        var requested = PendingExtensionDays ?? throw new DomainException(RequestRefusals.NoPendingExtension, "没有待审批的延期申请");
        if (days < 1 || days > requested)
        {
            throw new DomainException(RequestRefusals.ApprovedDaysOutOfRange, $"批准的延期天数应为 1 至 {requested} 个工作日", requested);
        }
        PendingExtensionDays = null;
        ApprovedExtensions++;
        Record(RequestAction.ApproveExtension, actor, now, calendar, visible: true, State, e => e.With(days: days));
    }

    public void DenyExtension(Actor actor, string? reason, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.DenyExtension, actor.Role);
        if (PendingExtensionDays is null)
        {
            throw new DomainException(RequestRefusals.NoPendingExtension, "没有待审批的延期申请");
        }
        var why = RequiredText(reason, Fields.DenialReason);
        PendingExtensionDays = null;
        Record(RequestAction.DenyExtension, actor, now, calendar, visible: false, State, e => e.With(text: why));
    }

    /// <summary>办结答复: the answer to the enterprise; every co-handler must have replied or been waived.</summary>
    public void Resolve(Actor actor, string? answer, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Resolve, actor.Role);
        RequireHandler(actor, RequestAction.Resolve);
        if (_coHandlers.Any(c => !c.IsSettled))
        {
            throw new DomainException(RequestRefusals.CoHandlersOutstanding, "协办单位尚未全部答复（或经督查免除），暂不能办结");
        }
        var text = RequiredText(answer, Fields.Outcome);
        PendingExtensionDays = null;
        Record(RequestAction.Resolve, actor, now, calendar, visible: true, RequestState.Resolved, e => e.With(text: text));
    }

    /// <summary>回访评价 by the enterprise itself.</summary>
    public void Evaluate(Actor actor, bool solved, Satisfaction satisfaction, string? comment, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Evaluate, actor.Role);
        RequireOwnEnterprise(actor);
        ApplyEvaluation(RequestAction.Evaluate, actor, solved, satisfaction, comment, calendar, now);
    }

    /// <summary>A follow-up evaluation that staff record after calling an enterprise whose request came by phone, visit or hotline.</summary>
    public void RecordFollowUpEvaluation(Actor actor, bool solved, Satisfaction satisfaction, string? notes, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.RecordFollowUpEvaluation, actor.Role);
        RequireDispatcher(actor, RequestAction.RecordFollowUpEvaluation);
        if (Channel == RequestChannel.Portal)
        {
            throw new DomainException(RequestRefusals.PortalRequestEvaluatedByEnterprise, "网上提交的诉求由企业自行评价");
        }
        ApplyEvaluation(RequestAction.RecordFollowUpEvaluation, actor, solved, satisfaction, RequiredText(notes, Fields.FollowUpNotes), calendar, now);
    }

    /// <summary>甄别: the supervisors uphold a disputed rating (it counts) or overturn it (it does not), and close the request.</summary>
    public void ReviewDispute(Actor actor, bool upheld, string? reasoning, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.ReviewDispute, actor.Role);
        var text = RequiredText(reasoning, Fields.DisputeReasoning);
        RatingCounts = upheld;
        ClosedAt = now;
        Record(RequestAction.ReviewDispute, actor, now, calendar, visible: true, RequestState.Closed, e => e.With(text: text, upheld: upheld));
    }

    /// <summary>The evaluation window ran out: closed, counted as not rated.</summary>
    public void AutoClose(WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.AutoClose, Actor.System.Role);
        var window = RunningEvaluationWindow() ?? throw new InvalidOperationException("A resolved request has a running evaluation window.");
        if (now <= window.DueAt)
        {
            throw new DomainException(RequestRefusals.EvaluationWindowOpen, "评价期限尚未届满");
        }
        RatingCounts = false;
        ClosedAt = now;
        Record(RequestAction.AutoClose, Actor.System, now, calendar, visible: true, RequestState.Closed);
    }

    /// <summary>
    /// The work calendar changed: every deadline is counted again from the timeline with the new
    /// calendar, and the recount is noted on the timeline when a deadline moved. False when none did.
    /// </summary>
    public bool RecountDeadlines(WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.RecountDeadlines, Actor.System.Role);
        // The same timeline starts and ends the same deadlines whatever the calendar: only the times move.
        var recounted = RequestClock.Recompute(_timeline, Targets, calendar).ToDictionary(d => (d.Kind, d.PartyDepartmentId, d.Generation));
        var moved = _deadlines.Where(d => !d.SameAs(recounted[(d.Kind, d.PartyDepartmentId, d.Generation)])).ToList();
        if (moved.Count == 0)
        {
            return false;
        }
        foreach (var deadline in moved)
        {
            deadline.TakeTimesOf(recounted[(deadline.Kind, deadline.PartyDepartmentId, deadline.Generation)]);
        }
        Record(RequestAction.RecountDeadlines, Actor.System, now, calendar, visible: false);
        return true;
    }

    /// <summary>撤回: the enterprise takes it back before it is resolved.</summary>
    public void Withdraw(Actor actor, string? reason, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Withdraw, actor.Role);
        RequireOwnEnterprise(actor);
        PendingExtensionDays = null;
        Record(RequestAction.Withdraw, actor, now, calendar, visible: true, RequestState.Withdrawn, e => e.With(text: OptionalText(reason)));
    }

    /// <summary>催办: the enterprise presses for progress, at most once per working day.</summary>
    public void Urge(Actor actor, string? message, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Urge, actor.Role);
        RequireOwnEnterprise(actor);
        if (LastUrgedAt is { } last && WorkingDayOf(last, calendar) == WorkingDayOf(now, calendar))
        {
            throw new DomainException(RequestRefusals.UrgedToday, "同一诉求每个工作日只能催办一次，请下一个工作日再催办");
        }
        LastUrgedAt = now;
        Record(RequestAction.Urge, actor, now, calendar, visible: true, State, e => e.With(text: OptionalText(message)));
    }

    /// <summary>督办: a supervisor, the guaranteeing cadre or the escalation job presses the handlers.</summary>
    public void Supervise(Actor actor, string? instruction, WorkCalendar calendar, DateTimeOffset now)
    {
        RequestLifecycle.Require(State, RequestAction.Supervise, actor.Role);
        if (actor.Role == Roles.Cadre && actor.UserId != CadreUserId)
        {
            throw Refused(RequestAction.Supervise, Parties.GuaranteeingCadre);
        }
        var text = RequiredText(instruction, Fields.Instruction);
        Record(RequestAction.Supervise, actor, now, calendar, visible: false, State, e => e.With(text: text));
    }

    private void ApplyEvaluation(RequestAction action, Actor actor, bool solved, Satisfaction satisfaction, string? comment, WorkCalendar calendar, DateTimeOffset now)
    {
        if (!Enum.IsDefined(satisfaction))
        {
            throw new DomainException(RequestRefusals.SatisfactionRequired, "请选择满意程度");
        }
        if ((!solved || satisfaction == Requests.Satisfaction.Unsatisfied) && string.IsNullOrWhiteSpace(comment))
        {
            // Whoever handles it again, or the supervisors reviewing the dispute, need to know what is still wrong.
            throw new DomainException(RequestRefusals.EvaluationCommentRequired, "评价为未解决或不满意时，请说明尚未解决或不满意的地方");
        }
        Solved = solved;
        Satisfaction = satisfaction;
        RequestState next;
        if (solved && satisfaction != Requests.Satisfaction.Unsatisfied)
        {
            next = RequestState.Closed;
            RatingCounts = true;
            ClosedAt = now;
        }
        else if (ReopenCount < 2)
        {
            next = RequestState.InProgress;
            ReopenCount++;
        }
        else
        {
            next = RequestState.UnderReview;
        }
        Record(action, actor, now, calendar, visible: true, next,
            e => e.With(text: OptionalText(comment), solved: solved, satisfaction: satisfaction));
    }

    private void AssignLead(int departmentId, DateTimeOffset now)
    {
        if (departmentId <= 0)
        {
            throw new DomainException(RequestRefusals.LeadDepartmentRequired, "请选择牵头部门");
        }
        if (_coHandlers.Any(c => c.DepartmentId == departmentId))
        {
            throw new DomainException(RequestRefusals.CoHandlerCannotLead, "该部门已是协办单位，不能同时牵头");
        }
        LeadDepartmentId = departmentId;
        LeadHandlerUserId = null;
        LeadAssignedAt = now;
        LeadSigned = false;
        HandledByCommissioner = false;
    }

    private void Record(
        RequestAction action, Actor actor, DateTimeOffset now, WorkCalendar calendar, bool visible, RequestState next,
        Func<RequestEvent, RequestEvent>? details = null)
    {
        if (_timeline.Count > 0 && now < _timeline.Max(e => e.At))
        {
            throw new DomainException(RequestRefusals.OutOfOrder, "操作时间早于上一项操作，请刷新后重试");
        }
        State = next;
        var entry = new RequestEvent(_timeline.Count + 1, action, now, actor, visible, next);
        _timeline.Add(details?.Invoke(entry) ?? entry);
        LastActivityAt = now;
        LastPublicActivityAt = visible ? now : LastPublicActivityAt;
        RequestClock.Apply(_deadlines, _timeline[^1], Targets, calendar, SubmittedAt);
        NextDueAt = _deadlines.Where(d => d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation)
            .Min(d => (DateTimeOffset?)d.DueAt);
        Version++;
    }

    private void Record(RequestAction action, Actor actor, DateTimeOffset now, WorkCalendar calendar, bool visible) =>
        Record(action, actor, now, calendar, visible, State);

    private bool IsDispatcher(Actor actor) =>
        actor.Role == Roles.Supervisor || (actor.Role == Roles.Commissioner && actor.UserId == CommissionerUserId);

    private bool IsLeadDepartment(Actor actor) =>
        actor.Role == Roles.DepartmentHandler && LeadDepartmentId is not null && actor.DepartmentId == LeadDepartmentId;

    private void RequireDispatcher(Actor actor, RequestAction action)
    {
        if (!IsDispatcher(actor))
        {
            throw Refused(action, Parties.Dispatcher);
        }
    }

    private void RequireOwnCommissioner(Actor actor, RequestAction action)
    {
        if (actor.Role != Roles.Commissioner || actor.UserId != CommissionerUserId)
        {
            throw Refused(action, Parties.OwnCommissioner);
        }
    }

    private void RequireLeadDepartment(Actor actor, RequestAction action)
    {
        if (!IsLeadDepartment(actor))
        {
            throw Refused(action, Parties.LeadDepartment);
        }
    }

    /// <summary>Whoever handles it now: the lead department, or the commissioner who took it on directly.</summary>
    private void RequireHandler(Actor actor, RequestAction action)
    {
        var handles = HandledByCommissioner
            ? actor.Role == Roles.Commissioner && actor.UserId == CommissionerUserId
            : IsLeadDepartment(actor);
        if (!handles)
        {
            throw Refused(action, HandledByCommissioner ? Parties.CommissionerHandlingDirectly : Parties.LeadDepartment);
        }
        if (!HandledByCommissioner && !LeadSigned)
        {
            throw new DomainException(RequestRefusals.SignFirst, "请先签收该诉求再办理");
        }
    }

    private void RequireOwnEnterprise(Actor actor)
    {
        if (actor.Role != Roles.Enterprise || actor.EnterpriseId != EnterpriseId)
        {
            throw new DomainException(RequestRefusals.NotOwnEnterprise, "只能处理本企业的诉求");
        }
    }

    private static DomainException Refused(RequestAction action, Term who) =>
        new(RequestRefusals.NotYours, $"只有{who}可以{RequestActionLabels.Of(action)}", who, action);

    private static string RequiredText(string? text, Term what) => Require.Text(text, RequestEvent.TextMaxLength, what);

    private static string? OptionalText(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Require.Text(text, RequestEvent.TextMaxLength, Fields.Explanation);

    /// <summary>The working day an instant counts towards: a weekend or evening urge belongs to the next working day.</summary>
    private static DateOnly WorkingDayOf(DateTimeOffset instant, WorkCalendar calendar) =>
        calendar.IsWorkingTime(instant) ? WorkCalendar.DayOf(instant) : WorkCalendar.DayOf(calendar.NextWorkingInstant(instant));
}
