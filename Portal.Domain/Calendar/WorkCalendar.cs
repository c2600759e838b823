using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Globalization;

namespace Portal.Domain.Calendar;

/// <summary>
/// 工作日历: which days are worked and at which hours, against which every time limit is
/// counted. Weekends are off, dated days off (法定节假日) are off, and dated make-up working days
/// (调休上班) are worked although they fall on a weekend. For a year the calendar holds no
/// entries for, only weekends are off and every result that depends on it is provisional.
/// </summary>
/// <remarks>
/// Times are China Standard Time, a fixed +08:00 offset, rather than the host's
/// "Asia/Shanghai" zone: China has kept no daylight saving time since 1991, so the two agree on
/// every date this portal will see, and the offset needs no time-zone database on the server.
/// Instants are accepted in any offset; every instant returned carries +08:00.
/// </remarks>
public sealed class WorkCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static IReadOnlyList<WorkingPeriod> DefaultWorkingPeriods { get; } =
    [
        new(new TimeOnly(8, 30), new TimeOnly(12, 0)),
        new(new TimeOnly(13, 30), new TimeOnly(17, 30)),
    ];

    private readonly ReadOnlyCollection<WorkingPeriod> _workingPeriods;

    /// <summary>The day numbers of the days off that fall on weekdays (a day off on a weekend changes nothing), in order.</summary>
    private readonly int[] _weekdaysOff;

    /// <summary>The day numbers of the make-up working days, in order.</summary>
    private readonly int[] _makeUpDays;

    /// <param name="years">The years whose days off and make-up working days are all entered.</param>
    /// <param name="daysOff">Days off on dates that would otherwise be worked, or inside a holiday block; each with the holiday's name where known.</param>
    /// <param name="makeUpWorkingDays">Weekend days that are worked.</param>
    /// <param name="workingPeriods">The working hours of a day, in order; <see cref="DefaultWorkingPeriods"/> when null.</param>
    public WorkCalendar(
        IEnumerable<int> years,
        IReadOnlyDictionary<DateOnly, string?> daysOff,
        IEnumerable<DateOnly> makeUpWorkingDays,
        IEnumerable<WorkingPeriod>? workingPeriods = null)
    {
        _workingPeriods = CheckedWorkingPeriods(workingPeriods ?? DefaultWorkingPeriods);
        Years = years.ToFrozenSet();
        DaysOff = daysOff.ToFrozenDictionary();
        MakeUpWorkingDays = makeUpWorkingDays.ToFrozenSet();

        WorkingDay = _workingPeriods.Aggregate(TimeSpan.Zero, (day, period) => day + (period.End - period.Start));
        _weekdaysOff = [.. DaysOff.Keys.Where(day => !IsWeekend(day)).Select(day => day.DayNumber).Order()];
        _makeUpDays = [.. MakeUpWorkingDays.Select(day => day.DayNumber).Order()];

        foreach (var day in DaysOff.Keys.Concat(MakeUpWorkingDays))
        {
            if (!Years.Contains(day.Year))
            {
                throw new DomainException(CalendarRefusals.YearNotLoaded, $"{Format(day)} 所在的 {day.Year} 年不在日历已录入的年份中", day, day.Year);
            }
        }
        foreach (var day in MakeUpWorkingDays)
        {
            if (!IsWeekend(day))
            {
                throw new DomainException(CalendarRefusals.MakeUpDayNotOnWeekend, $"调休上班日 {Format(day)} 应为周六或周日", day);
            }
            if (DaysOff.ContainsKey(day))
            {
                throw new DomainException(CalendarRefusals.DayOffAndMakeUpDay, $"{Format(day)} 不能既是放假日又是调休上班日", day);
            }
        }
    }

    public IReadOnlyList<WorkingPeriod> WorkingPeriods => _workingPeriods;
    public IReadOnlySet<int> Years { get; }
    public IReadOnlyDictionary<DateOnly, string?> DaysOff { get; }
    public IReadOnlySet<DateOnly> MakeUpWorkingDays { get; }

    /// <summary>The working time of a working day: the working periods added up (the unit of "N 个工作日").</summary>
    public TimeSpan WorkingDay { get; }

    /// <summary>The close of working hours (下班时间), where working-day deadlines fall.</summary>
    public TimeOnly ClosingTime => _workingPeriods[^1].End;

    public bool IsWorkingDay(DateOnly day) =>
        MakeUpWorkingDays.Contains(day) || !(IsWeekend(day) || DaysOff.ContainsKey(day));

    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var (day, time) = Local(instant);
        return IsWorkingDay(day) && _workingPeriods.Any(period => period.Contains(time));
    }

    /// <summary>The instant itself when it is working time, else the start of the next working period.</summary>
    public DateTimeOffset NextWorkingInstant(DateTimeOffset instant) => WorkingSpansFrom(instant).First().Start;

    /// <summary>
    /// 工作小时时限: the instant by which <paramref name="workingTime"/> of working time has
    /// passed since <paramref name="start"/>, counted from the next working instant when the
    /// start is outside working time. Time that runs out exactly at the end of a period ends
    /// there (16:30 plus one hour is 17:30 the same day, not 08:30 the next).
    /// </summary>
    public Deadline AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        var left = workingTime;
        foreach (var span in WorkingSpansFrom(start))
        {
            var available = span.End - span.Start;
            if (left <= available)
            {
                var end = span.Start + left;
                return Counted(Local(start).Day, Local(end).Day, end);
            }
            left -= available;
        }
        throw new UnreachableException();
    }

    public Deadline AddWorkingHours(DateTimeOffset start, int hours) => AddWorkingTime(start, TimeSpan.FromHours(hours));

    /// <summary>
    /// 工作日时限: the close of working hours of the Nth working day after the day of
    /// <paramref name="start"/>, whatever its hour; the day of the start is not counted. Zero
    /// days end at the close of the start's day, or of the next working day when that is a rest day.
    /// </summary>
    public Deadline AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var startDay = Local(start).Day;
        var day = workingDays == 0 ? FirstWorkingDayFrom(startDay) : startDay;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }
        return Counted(startDay, day, At(day, ClosingTime));
    }

    /// <summary>
    /// 自然日时限: 24:00 of the Nth calendar day after the day of <paramref name="start"/>,
    /// returned as 00:00 of the day after; when that Nth day is not a working day, the close of
    /// the next working day instead.
    /// </summary>
    public Deadline AddNaturalDays(DateTimeOffset start, int naturalDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(naturalDays);
        var startDay = Local(start).Day;
        var lastDay = startDay.AddDays(naturalDays);
        if (IsWorkingDay(lastDay))
        {
            return Counted(startDay, lastDay, At(lastDay.AddDays(1), TimeOnly.MinValue));
        }
        var movedTo = FirstWorkingDayFrom(lastDay);
        return Counted(startDay, movedTo, At(movedTo, ClosingTime));
    }

    public Deadline DeadlineFor(DateTimeOffset start, TimeLimit limit) => limit.Unit switch
    {
        TimeLimitUnit.WorkingHours => AddWorkingHours(start, limit.Amount),
        TimeLimitUnit.WorkingDays => AddWorkingDays(start, limit.Amount),
        TimeLimitUnit.NaturalDays => AddNaturalDays(start, limit.Amount),
    };

    /// <summary>
    /// The working time from <paramref name="from"/> to <paramref name="to"/>; negative when
    /// <paramref name="to"/> comes first, so that spans add up: a→b plus b→c is a→c.
    /// </summary>
    /// <remarks>
    /// Counted, not walked: the working time of each instant since the calendar's first day, one from the other. A
    /// queue of requests years overdue asks this of every row on every page; walking the days would take a thousand
    /// steps a row.
    /// </remarks>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to) => WorkingTimeBefore(to) - WorkingTimeBefore(from);

    /// <summary>The working time from the start of 0001-01-01 to <paramref name="instant"/>.</summary>
    private TimeSpan WorkingTimeBefore(DateTimeOffset instant)
    {
        var (day, time) = Local(instant);
        var total = TimeSpan.FromTicks(WorkingDay.Ticks * WorkingDaysBefore(day.DayNumber));
        if (IsWorkingDay(day))
        {
            foreach (var period in _workingPeriods)
            {
                if (time > period.Start)
                {
                    total += (time < period.End ? time : period.End) - period.Start;
                }
            }
        }
        return total;
    }

    /// <summary>How many working days come before the day numbered <paramref name="dayNumber"/>: the weekdays, less the days off among them, with the make-up days.</summary>
    private long WorkingDaysBefore(int dayNumber) =>
        WeekdaysBefore(dayNumber) - CountBefore(_weekdaysOff, dayNumber) + CountBefore(_makeUpDays, dayNumber);

    /// <summary>The weekdays before a day number: day 0, 0001-01-01, was a Monday, so each week starts with five.</summary>
    private static long WeekdaysBefore(int dayNumber) => dayNumber / 7 * 5L + Math.Min(dayNumber % 7, 5);

    private static int CountBefore(int[] ordered, int dayNumber)
    {
        var at = Array.BinarySearch(ordered, dayNumber);
        return at >= 0 ? at : ~at;
    }

    /// <summary>
    /// 暂停 (待补充) of a working-days target: the working days after the day of the pause up to
    /// and including the day of the deadline. None are left when the pause came on or after
    /// the deadline's day.
    /// </summary>
    public int WorkingDaysLeftAtPause(DateTimeOffset deadline, DateTimeOffset pausedAt)
    {
        var deadlineDay = Local(deadline).Day;
        var left = 0;
        for (var day = Local(pausedAt).Day.AddDays(1); day <= deadlineDay; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                left++;
            }
        }
        return left;
    }

    /// <summary>恢复计时 of a working-days target: the close of that many working days after the day of the resume.</summary>
    public Deadline DeadlineAfterResume(int workingDaysLeft, DateTimeOffset resumedAt) =>
        AddWorkingDays(resumedAt, workingDaysLeft);

    /// <summary>
    /// 暂停 (待补充) of a working-hours target: the working time from the pause to the deadline,
    /// or none when the deadline had already passed.
    /// </summary>
    public TimeSpan WorkingTimeLeftAtPause(DateTimeOffset deadline, DateTimeOffset pausedAt)
    {
        var left = WorkingTimeBetween(pausedAt, deadline);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>恢复计时 of a working-hours target: the time left, counted again from the resume.</summary>
    public Deadline DeadlineAfterResume(TimeSpan workingTimeLeft, DateTimeOffset resumedAt) =>
        AddWorkingTime(resumedAt, workingTimeLeft);

    /// <summary>
    /// The working periods from <paramref name="instant"/> on, the first one cut to begin at the
    /// instant when it falls inside it. Endless: every year outside the calendar still works on weekdays.
    /// </summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> WorkingSpansFrom(DateTimeOffset instant)
    {
        var from = instant.ToOffset(Offset);
        for (var day = Local(from).Day; ; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }
            foreach (var period in _workingPeriods)
            {
                var end = At(day, period.End);
                if (end > from)
                {
                    var start = At(day, period.Start);
                    yield return (start > from ? start : from, end);
                }
            }
        }
    }

    private Deadline Counted(DateOnly firstDay, DateOnly lastDay, DateTimeOffset at) =>
        new(at, !HoldsEveryYear(firstDay, lastDay));

    private DateOnly FirstWorkingDayFrom(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private bool HoldsEveryYear(DateOnly from, DateOnly through)
    {
        for (var year = from.Year; year <= through.Year; year++)
        {
            if (!Years.Contains(year))
            {
                return false;
            }
        }
        return true;
    }

    private static ReadOnlyCollection<WorkingPeriod> CheckedWorkingPeriods(IEnumerable<WorkingPeriod> workingPeriods)
    {
        var periods = workingPeriods.ToArray();
        if (periods.Length == 0)
        {
            throw new DomainException(CalendarRefusals.NoWorkingPeriods, "工作时段不能为空");
        }
        for (var i = 1; i < periods.Length; i++)
        {
            if (periods[i].Start < periods[i - 1].End)
            {
                throw new DomainException(CalendarRefusals.WorkingPeriodsOverlap, $"工作时段应按时间先后排列且互不重叠：{periods[i - 1]} 与 {periods[i]}", periods[i - 1].ToString(), periods[i].ToString());
            }
        }
        return periods.AsReadOnly();
    }

    /// <summary>The district's calendar day of an instant given in any offset.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => Local(instant).Day;

    /// <summary>Midnight at the start of the district's calendar day, +08:00.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => At(day, TimeOnly.MinValue);

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static (DateOnly Day, TimeOnly Time) Local(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    private static DateTimeOffset At(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), Offset);

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
