using System.Globalization;

namespace Portal.Domain.Calendar;

/// <summary>
/// 工作时段: one stretch of working hours within a day, such as 08:30–12:00. The start is
/// inside the period and the end is not, so 12:00 already belongs to the lunch break. A period
/// cannot cross midnight.
/// </summary>
public sealed record WorkingPeriod
{
    public TimeOnly Start { get; }
    public TimeOnly End { get; }

    public WorkingPeriod(TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new DomainException(CalendarRefusals.WorkingPeriodEndsBeforeStart, $"工作时段 {Format(start)}–{Format(end)} 的结束时间应晚于开始时间", Format(start), Format(end));
        }
        Start = start;
        End = end;
    }

    public TimeSpan Length => End - Start;

    public bool Contains(TimeOnly time) => Start <= time && time < End;

    public override string ToString() => $"{Format(Start)}–{Format(End)}";

    private static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
