namespace Portal.Domain.Calendar;

/// <summary>
/// 放假调休安排: one holiday of a State Council notice — the block of days off, and the weekend
/// days worked to make up for it (调休上班).
/// </summary>
public sealed record Holiday(string Name, DateOnly FirstDayOff, DateOnly LastDayOff, params IReadOnlyList<DateOnly> MakeUpWorkingDays)
{
    public IEnumerable<DateOnly> DaysOff =>
        Enumerable.Range(0, LastDayOff.DayNumber - FirstDayOff.DayNumber + 1).Select(FirstDayOff.AddDays);
}

/// <summary>
/// 国务院办公厅关于某年部分节假日安排的通知: the State Council's schedule of public holidays for a
/// year, identified by its document number (文号).
/// </summary>
public sealed record HolidayNotice(int Year, string DocumentNumber, DateOnly Issued, IReadOnlyList<Holiday> Holidays);

/// <summary>
/// The State Council's published holiday schedules the portal ships with; admins enter later
/// years themselves. How the dates were checked: HOLIDAYS.md beside this file.
/// </summary>
public static class OfficialHolidays
{
    public static HolidayNotice Year2024 { get; } = new(2024, "国办发明电〔2023〕7号", Day(2023, 10, 25),
    [
        new("元旦", Day(2024, 1, 1), Day(2024, 1, 1)),
        new("春节", Day(2024, 2, 10), Day(2024, 2, 17), Day(2024, 2, 4), Day(2024, 2, 18)),
        new("清明节", Day(2024, 4, 4), Day(2024, 4, 6), Day(2024, 4, 7)),
        new("劳动节", Day(2024, 5, 1), Day(2024, 5, 5), Day(2024, 4, 28), Day(2024, 5, 11)),
        new("端午节", Day(2024, 6, 10), Day(2024, 6, 10)),
        new("中秋节", Day(2024, 9, 15), Day(2024, 9, 17), Day(2024, 9, 14)),
        new("国庆节", Day(2024, 10, 1), Day(2024, 10, 7), Day(2024, 9, 29), Day(2024, 10, 12)),
    ]);

    public static HolidayNotice Year2025 { get; } = new(2025, "国办发明电〔2024〕12号", Day(2024, 11, 12),
    [
        new("元旦", Day(2025, 1, 1), Day(2025, 1, 1)),
        new("春节", Day(2025, 1, 28), Day(2025, 2, 4), Day(2025, 1, 26), Day(2025, 2, 8)),
        new("清明节", Day(2025, 4, 4), Day(2025, 4, 6)),
        new("劳动节", Day(2025, 5, 1), Day(2025, 5, 5), Day(2025, 4, 27)),
        new("端午节", Day(2025, 5, 31), Day(2025, 6, 2)),
        new("国庆节、中秋节", Day(2025, 10, 1), Day(2025, 10, 8), Day(2025, 9, 28), Day(2025, 10, 11)),
    ]);

    public static HolidayNotice Year2026 { get; } = new(2026, "国办发明电〔2025〕7号", Day(2025, 11, 4),
    [
        new("元旦", Day(2026, 1, 1), Day(2026, 1, 3), Day(2026, 1, 4)),
        new("春节", Day(2026, 2, 15), Day(2026, 2, 23), Day(2026, 2, 14), Day(2026, 2, 28)),
        new("清明节", Day(2026, 4, 4), Day(2026, 4, 6)),
        new("劳动节", Day(2026, 5, 1), Day(2026, 5, 5), Day(2026, 5, 9)),
        new("端午节", Day(2026, 6, 19), Day(2026, 6, 21)),
        new("中秋节", Day(2026, 9, 25), Day(2026, 9, 27)),
        new("国庆节", Day(2026, 10, 1), Day(2026, 10, 7), Day(2026, 9, 20), Day(2026, 10, 10)),
    ]);

    public static IReadOnlyList<HolidayNotice> Notices { get; } = [Year2024, Year2025, Year2026];

    /// <summary>A calendar holding every notice above, with the given working hours or the default ones.</summary>
    public static WorkCalendar CreateCalendar(IEnumerable<WorkingPeriod>? workingPeriods = null)
    {
        var holidays = Notices.SelectMany(notice => notice.Holidays).ToArray();
        return new WorkCalendar(
            Notices.Select(notice => notice.Year),
            holidays.SelectMany(holiday => holiday.DaysOff, (holiday, day) => (day, holiday.Name))
                .ToDictionary(entry => entry.day, string? (entry) => entry.Name),
            holidays.SelectMany(holiday => holiday.MakeUpWorkingDays),
            workingPeriods);
    }

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);
}
