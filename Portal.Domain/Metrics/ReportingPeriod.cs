using System.Globalization;
using System.Text.Json.Serialization;
using Portal.Domain.Calendar;

namespace Portal.Domain.Metrics;

/// <summary>
/// 统计区间: the days the dashboard counts, from <see cref="First"/> to <see cref="Last"/> inclusive, as days of the
/// district (China Standard Time, <see cref="WorkCalendar.Offset"/>), so a figure counts what happened between
/// midnight and midnight in Shanghai whatever the server's own zone.
/// </summary>
public sealed record ReportingPeriod
{
    public const int MaxYears = 5;

    /// <remarks>
    /// Private, so that only <see cref="Containing"/> and <see cref="Custom"/> make one; JSON may use it, as a page's
    /// prerendered state comes back through it when the circuit starts.
    /// </remarks>
    [JsonConstructor]
    private ReportingPeriod(PeriodKind kind, DateOnly first, DateOnly last)
    {
        Kind = kind;
        First = first;
        Last = last;
    }

    public PeriodKind Kind { get; }
    public DateOnly First { get; }

    /// <summary>The last day, counted in full.</summary>
    public DateOnly Last { get; }

    /// <summary>Midnight at the start of <see cref="First"/>, +08:00.</summary>
    public DateTimeOffset Start => WorkCalendar.StartOfDay(First);

    /// <summary>Midnight at the end of <see cref="Last"/> (the start of the day after), +08:00; not in the period.</summary>
    public DateTimeOffset End => WorkCalendar.StartOfDay(Last.AddDays(1));

    public int Days => Last.DayNumber - First.DayNumber + 1;

    /// <summary>The week (Monday to Sunday), month, quarter or year that holds the day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A custom period, which no day determines.</exception>
    public static ReportingPeriod Containing(PeriodKind kind, DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var month = new DateOnly(day.Year, day.Month, 1);
        var quarter = new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
        var year = new DateOnly(day.Year, 1, 1);
        return kind switch
        {
            PeriodKind.Week => new(kind, monday, monday.AddDays(6)),
            PeriodKind.Month => new(kind, month, month.AddMonths(1).AddDays(-1)),
            PeriodKind.Quarter => new(kind, quarter, quarter.AddMonths(3).AddDays(-1)),
            PeriodKind.Year => new(kind, year, year.AddYears(1).AddDays(-1)),
            PeriodKind.Custom => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A custom period is made from its dates, by Custom."),
        };
    }

    /// <summary>The days a user chose, both required, at most <see cref="MaxYears"/> years of them.</summary>
    public static ReportingPeriod Custom(DateOnly? first, DateOnly? last)
    {
        if (first is not { } start || last is not { } end)
        {
            throw new DomainException(MetricsRefusals.PeriodDatesRequired, "请选择统计区间的开始日期和结束日期");
        }
        if (end < start)
        {
            throw new DomainException(MetricsRefusals.PeriodEndsBeforeStart, $"结束日期 {Format(end)} 早于开始日期 {Format(start)}", start, end);
        }
        if (end > start.AddYears(MaxYears).AddDays(-1))
        {
            throw new DomainException(MetricsRefusals.PeriodTooLong, $"统计区间不能超过 {MaxYears} 年", MaxYears);
        }
        return new ReportingPeriod(PeriodKind.Custom, start, end);
    }

    /// <summary>
    /// The period before, to compare with: the week, month, quarter or year before; for a custom period, as many days
    /// ending the day before <see cref="First"/>.
    /// </summary>
    public ReportingPeriod Previous() => Kind == PeriodKind.Custom
        ? new ReportingPeriod(PeriodKind.Custom, First.AddDays(-Days), First.AddDays(-1))
        : Containing(Kind, First.AddDays(-1));

    /// <summary>Whether the instant, in any offset, falls from <see cref="Start"/> up to but not including <see cref="End"/>.</summary>
    public bool Contains(DateTimeOffset instant) => Start <= instant && instant < End;

    /// <summary>As the refusal's Chinese text words a date (RefusalResource's Format.Date), so the message and the text agree.</summary>
    private static string Format(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
