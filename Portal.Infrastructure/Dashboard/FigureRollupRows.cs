using Portal.Domain.Requests;

namespace Portal.Infrastructure.Dashboard;

/// <summary>
/// The figures' rollup itself (decision 019): the one row saying the rollup is built and with which calendar revision
/// its working hours were counted. Without it, or with another revision than the calendar's, the figures are computed
/// live.
/// </summary>
public sealed class FigureRollupState
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    /// <summary>The calendar revision the met deadlines' working hours were counted with; null until first built.</summary>
    public long? CalendarRevision { get; private set; }

    public DateTimeOffset? BuiltAt { get; private set; }

    /// <summary>When a run last began: every run writes it first, so two runs at once cannot both go on.</summary>
    public DateTimeOffset ClaimedAt { get; private set; }

    public FigureRollupState(DateTimeOffset claimedAt) => ClaimedAt = claimedAt;

    public void Claim(DateTimeOffset at) => ClaimedAt = at;

    public void Built(long calendarRevision, DateTimeOffset at)
    {
        CalendarRevision = calendarRevision;
        BuiltAt = at;
    }
}

/// <summary>
/// A district day whose rolled-up rows no longer match the requests: a deadline due that day or an event of that day
/// changed, or a request touching it changed lead or had a dispute reviewed. Written in the same save as the change;
/// the figures count the day live until <see cref="FigureRollupJob"/> rolls it up again. The same day may be marked
/// many times.
/// </summary>
public sealed class FigureDirtyDay
{
    public long Id { get; private set; }
    public DateOnly Day { get; private set; }

    public FigureDirtyDay(DateOnly day) => Day = day;
}

/// <summary>The ended sign and resolve deadlines due on one day and charged to one department (null: none).</summary>
public sealed class FigureDeadlineDay
{
    public long Id { get; private set; }
    public DateOnly Day { get; private set; }
    public DeadlineKind Kind { get; private set; }
    public int? DepartmentId { get; private set; }

    /// <summary>Met, or ended unmet after their due time: those a rate counts.</summary>
    public int Counted { get; private set; }

    public int OnTime { get; private set; }
    public int Met { get; private set; }

    /// <summary>The working time the met ones took, their pauses left out, in ticks: summed exactly.</summary>
    public long MetTicks { get; private set; }

    public FigureDeadlineDay(DateOnly day, DeadlineKind kind, int? departmentId, int counted, int onTime, int met, long metTicks)
    {
        Day = day;
        Kind = kind;
        DepartmentId = departmentId;
        Counted = counted;
        OnTime = onTime;
        Met = met;
        MetTicks = metTicks;
    }
}

/// <summary>The counted events of one day of one action, charged to one department (null: none).</summary>
public sealed class FigureEventDay
{
    public long Id { get; private set; }
    public DateOnly Day { get; private set; }
    public RequestAction Action { get; private set; }
    public int? DepartmentId { get; private set; }
    public int Count { get; private set; }
    public int Solved { get; private set; }
    public int Rated { get; private set; }
    public int Satisfied { get; private set; }
    public int Reopened { get; private set; }

    public FigureEventDay(DateOnly day, RequestAction action, int? departmentId, int count, int solved, int rated, int satisfied, int reopened)
    {
        Day = day;
        Action = action;
        DepartmentId = departmentId;
        Count = count;
        Solved = solved;
        Rated = rated;
        Satisfied = satisfied;
        Reopened = reopened;
    }
}

/// <summary>The evaluations of one day that sent their request to 不满意甄别, by rating and review outcome (null: pending).</summary>
public sealed class FigureDisputeDay
{
    public long Id { get; private set; }
    public DateOnly Day { get; private set; }
    public int? DepartmentId { get; private set; }
    public bool Satisfied { get; private set; }
    public bool? Upheld { get; private set; }
    public int Count { get; private set; }

    public FigureDisputeDay(DateOnly day, int? departmentId, bool satisfied, bool? upheld, int count)
    {
        Day = day;
        DepartmentId = departmentId;
        Satisfied = satisfied;
        Upheld = upheld;
        Count = count;
    }
}

/// <summary>The requests submitted on one day, by the department leading them now (null: none).</summary>
public sealed class FigureReceivedDay
{
    public long Id { get; private set; }
    public DateOnly Day { get; private set; }
    public int? DepartmentId { get; private set; }
    public int Count { get; private set; }

    public FigureReceivedDay(DateOnly day, int? departmentId, int count)
    {
        Day = day;
        DepartmentId = departmentId;
        Count = count;
    }
}
