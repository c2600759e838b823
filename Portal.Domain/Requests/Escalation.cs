using Portal.Domain.Calendar;

namespace Portal.Domain.Requests;

/// <summary>
/// How late a running deadline is (DESIGN.md §4), which is also the escalation level it has reached:
/// on time, warning (预警, yellow), overdue (超期, red), severely overdue (严重超期).
/// </summary>
public enum EscalationLevel
{
    OnTime = 0,
    Warning = 1,
    Overdue = 2,
    SeverelyOverdue = 3,
}

/// <summary>Who an escalation level tells, by their part in the request.</summary>
public enum EscalationRecipient
{
    /// <summary>
    /// Whoever must act on the deadline: the commissioner (the supervisors if none) for dispatch; the
    /// lead department's handler (or the whole department until one has it) for sign, first reply and
    /// resolve, the commissioner when handling it directly; the co-handling department's head for its reply.
    /// </summary>
    MustAct,

    /// <summary>The request's commissioner; the supervisors when it has none.</summary>
    Commissioner,

    /// <summary>The head of the department the deadline is on: the lead department, or the co-handling one.</summary>
    DepartmentHead,

    Supervisors,

    /// <summary>The cadre who guarantees the enterprise; the supervisors for an enterprise without one.</summary>
    Cadre,
}

/// <summary>
/// When each level of escalation is reached (DESIGN.md §4): a warning once <see cref="WarningFraction"/>
/// of the working time is used, overdue past the deadline, severely overdue
/// <see cref="SevereAfterWorkingDays"/> more working days on. Only running, unpaused deadlines of the
/// kinds escalation covers (all but the evaluation window) escalate.
/// </summary>
public sealed record EscalationPolicy(double WarningFraction, int SevereAfterWorkingDays)
{
    public static EscalationPolicy Default { get; } = new(0.8, 1);

    public static bool Covers(DeadlineKind kind) => kind is not DeadlineKind.Evaluation;

    public EscalationLevel LevelOf(RequestDeadline deadline, WorkCalendar calendar, DateTimeOffset now)
    {
        if (!Covers(deadline.Kind) || deadline.Status != DeadlineStatus.Open)
        {
            return EscalationLevel.OnTime;
        }
        if (now > deadline.DueAt)
        {
            return now > SevereAt(deadline, calendar) ? EscalationLevel.SeverelyOverdue : EscalationLevel.Overdue;
        }
        return deadline.FractionUsed(calendar, now) >= WarningFraction ? EscalationLevel.Warning : EscalationLevel.OnTime;
    }

    /// <summary>The instant after which a deadline is severely overdue: the close of the Nth working day after its due day.</summary>
    public DateTimeOffset SevereAt(RequestDeadline deadline, WorkCalendar calendar) =>
        calendar.AddWorkingDays(deadline.DueAt, SevereAfterWorkingDays).At;

    /// <summary>The highest level any running deadline of the request has reached.</summary>
    public EscalationLevel LevelOf(ServiceRequest request, WorkCalendar calendar, DateTimeOffset now) =>
        LevelOf(request.Deadlines, calendar, now);

    /// <summary>The highest level any of these deadlines has reached; on time for none.</summary>
    public EscalationLevel LevelOf(IEnumerable<RequestDeadline> deadlines, WorkCalendar calendar, DateTimeOffset now) =>
        deadlines.Select(d => LevelOf(d, calendar, now)).DefaultIfEmpty(EscalationLevel.OnTime).Max();

    /// <summary>Each level tells the people of the level below and more.</summary>
    public static IReadOnlyList<EscalationRecipient> RecipientsOf(EscalationLevel level) => level switch
    {
        EscalationLevel.OnTime => [],
        EscalationLevel.Warning => [EscalationRecipient.MustAct, EscalationRecipient.Commissioner],
        EscalationLevel.Overdue => [.. RecipientsOf(EscalationLevel.Warning), EscalationRecipient.DepartmentHead, EscalationRecipient.Supervisors],
        EscalationLevel.SeverelyOverdue => [.. RecipientsOf(EscalationLevel.Overdue), EscalationRecipient.Cadre],
    };

    /// <summary>The automatic 督办 a severely overdue deadline writes on the timeline, by the portal itself.</summary>
    public static string SupervisionText(DeadlineKind kind) => $"{DeadlineLabels.Of(kind)}时限已严重超期，系统自动督办，请立即办理";
}

public static class DeadlineLabels
{
    public static string Of(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Dispatch => "受理派单",
        DeadlineKind.Sign => "签收",
        DeadlineKind.FirstReply => "首次答复",
        DeadlineKind.Resolve => "办结",
        DeadlineKind.CoHandlerReply => "协办答复",
        DeadlineKind.Evaluation => "评价",
    };
}
