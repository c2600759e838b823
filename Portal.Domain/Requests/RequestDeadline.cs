using Portal.Domain.Calendar;

namespace Portal.Domain.Requests;

/// <summary>The deadlines a request is clocked against (DESIGN.md §4).</summary>
public enum DeadlineKind
{
    /// <summary>受理派单.</summary>
    Dispatch,

    /// <summary>签收.</summary>
    Sign,

    /// <summary>首次答复: the first staff message the enterprise can see.</summary>
    FirstReply,

    /// <summary>办结.</summary>
    Resolve,

    /// <summary>协办答复: one per co-handling department.</summary>
    CoHandlerReply,

    /// <summary>评价: the enterprise's window to rate; not escalated.</summary>
    Evaluation,
}

public enum DeadlineStatus
{
    /// <summary>Running.</summary>
    Open,

    /// <summary>Stopped while the request waits for the enterprise (待补充).</summary>
    Paused,

    /// <summary>Done: the awaited step happened (in time or late, by <see cref="RequestDeadline.MetAt"/>).</summary>
    Met,

    /// <summary>A supervisor waived it (a co-handler's reply).</summary>
    Waived,

    /// <summary>Replaced by a newer generation: an extension, a reopen, a return, a transfer, the first co-handler.</summary>
    Superseded,

    /// <summary>No longer awaited: the request was withdrawn, or the step became moot.</summary>
    Cancelled,

    /// <summary>The evaluation window ran out: the request was closed unrated.</summary>
    Lapsed,
}

/// <summary>
/// One deadline of a request: a kind, for a party (the co-handling department of a co-handler
/// reply; 0 otherwise), in a generation that a new start (extension, reopen, return, transfer)
/// increments. Escalation fires once per (request, kind, party, generation, level).
/// </summary>
public sealed class RequestDeadline
{
    public long Id { get; private set; }
    public DeadlineKind Kind { get; private set; }
    public int PartyDepartmentId { get; private set; }
    public int Generation { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>
    /// The department whose work it measures, what the figures charge it to: the department sent it for a sign deadline;
    /// the lead department for first reply and resolve, following dispatches, transfers and returns while the deadline runs
    /// and fixed once it ends; the co-handling department for its reply. Null for dispatch and the evaluation window, and
    /// while no department leads (before dispatch, after a return, or handled by the commissioner).
    /// </summary>
    public int? DepartmentId { get; private set; }

    /// <summary>How the target was counted, which decides how a pause is made up on resume.</summary>
    public TimeLimitUnit Unit { get; private set; }

    /// <summary>True when the count ran through a year the calendar holds no entries for.</summary>
    public bool Provisional { get; private set; }

    public DeadlineStatus Status { get; private set; }

    /// <summary>Set while <see cref="DeadlineStatus.Paused"/>: when the clock stopped.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    /// <summary>Set once the deadline is met, waived, superseded, cancelled or lapsed.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Working time spent paused, excluded from "% of the time used".</summary>
    public TimeSpan PausedWorkingTime { get; private set; }

    /// <summary>
    /// The highest escalation level the scan recorded for this deadline (the escalation log holds each); null for none.
    /// What the battle map's figures colour a running deadline by, read without the log.
    /// </summary>
    public EscalationLevel? RecordedLevel { get; private set; }

    private RequestDeadline()
    {
    }

    internal RequestDeadline(
        DeadlineKind kind, int partyDepartmentId, int generation, DateTimeOffset startedAt, Deadline due, TimeLimitUnit unit,
        TimeSpan pausedWorkingTime, int? departmentId)
    {
        Kind = kind;
        DepartmentId = departmentId;
        PartyDepartmentId = partyDepartmentId;
        Generation = generation;
        StartedAt = startedAt;
        DueAt = due.At;
        Provisional = due.Provisional;
        Unit = unit;
        PausedWorkingTime = pausedWorkingTime;
        Status = DeadlineStatus.Open;
    }

    public bool IsRunning => Status is DeadlineStatus.Open or DeadlineStatus.Paused;

    /// <summary>Met after it was due.</summary>
    public bool WasLate => Status == DeadlineStatus.Met && EndedAt > DueAt;

    public bool IsOverdue(DateTimeOffset now) => Status == DeadlineStatus.Open && now > DueAt;

    /// <summary>The scan recorded <paramref name="level"/> for this deadline: kept when higher than any recorded before.</summary>
    public void RecordLevel(EscalationLevel level)
    {
        if (RecordedLevel is null || level > RecordedLevel)
        {
            RecordedLevel = level;
        }
    }

    internal void End(DeadlineStatus status, DateTimeOffset at)
    {
        Status = status;
        EndedAt = at;
        PausedAt = null;
    }

    /// <summary>The lead department changed while the deadline runs.</summary>
    internal void ChargeTo(int? departmentId) => DepartmentId = departmentId;

    internal void Pause(DateTimeOffset at)
    {
        Status = DeadlineStatus.Paused;
        PausedAt = at;
    }

    internal void Resume(Deadline due, TimeSpan pausedWorkingTime)
    {
        Status = DeadlineStatus.Open;
        DueAt = due.At;
        Provisional |= due.Provisional;
        PausedWorkingTime += pausedWorkingTime;
        PausedAt = null;
    }

    /// <summary>The times of the same deadline counted with another calendar.</summary>
    internal void TakeTimesOf(RequestDeadline recounted)
    {
        StartedAt = recounted.StartedAt;
        DueAt = recounted.DueAt;
        DepartmentId = recounted.DepartmentId;
        Provisional = recounted.Provisional;
        Status = recounted.Status;
        PausedAt = recounted.PausedAt;
        EndedAt = recounted.EndedAt;
        PausedWorkingTime = recounted.PausedWorkingTime;
    }

    /// <summary>Working time from the start to <paramref name="now"/> over working time from the start to the deadline, pauses excluded.</summary>
    public double FractionUsed(WorkCalendar calendar, DateTimeOffset now)
    {
        var until = PausedAt ?? (EndedAt is { } ended && ended < now ? ended : now);
        var total = calendar.WorkingTimeBetween(StartedAt, DueAt) - PausedWorkingTime;
        var used = calendar.WorkingTimeBetween(StartedAt, until) - PausedWorkingTime;
        return total <= TimeSpan.Zero ? 1 : used / total;
    }

    /// <summary>Same kind, party, generation, times and outcome: what "recomputed equals stored" compares.</summary>
    public bool SameAs(RequestDeadline other) =>
        Kind == other.Kind && PartyDepartmentId == other.PartyDepartmentId && Generation == other.Generation
        && DepartmentId == other.DepartmentId && StartedAt == other.StartedAt && DueAt == other.DueAt && Provisional == other.Provisional && Unit == other.Unit
        && Status == other.Status && PausedAt == other.PausedAt && EndedAt == other.EndedAt
        && PausedWorkingTime == other.PausedWorkingTime;

    public override string ToString() =>
        $"{Kind}#{Generation}{(PartyDepartmentId != 0 ? $"@{PartyDepartmentId}" : "")}{(DepartmentId is { } charged ? $" dept {charged}" : "")} {StartedAt:yyyy-MM-dd HH:mm}→{DueAt:yyyy-MM-dd HH:mm} {Status}{(EndedAt is { } e ? $" {e:yyyy-MM-dd HH:mm}" : "")}";
}
