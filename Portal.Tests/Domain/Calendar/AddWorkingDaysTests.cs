using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class AddWorkingDaysTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData("2026-03-03 10:00", 1, "2026-03-04 17:30")]
    [InlineData("2026-03-02 22:00", 1, "2026-03-03 17:30")] // at night: the day of the start is still not counted
    [InlineData("2026-03-03 06:00", 1, "2026-03-04 17:30")] // before opening: likewise
    [InlineData("2026-03-03 12:00", 1, "2026-03-04 17:30")]
    [InlineData("2026-03-03 17:30", 1, "2026-03-04 17:30")]
    [InlineData("2026-03-06 10:00", 1, "2026-03-09 17:30")] // Friday to Monday
    [InlineData("2026-03-08 10:00", 1, "2026-03-09 17:30")] // from a Sunday
    [InlineData("2026-02-14 10:00", 1, "2026-02-24 17:30")] // from a make-up Saturday, over the Spring Festival
    [InlineData("2024-10-12 10:00", 1, "2024-10-14 17:30")] // from a make-up Saturday to Monday
    [InlineData("2026-02-17 10:00", 1, "2026-02-24 17:30")] // from a Spring Festival holiday
    [InlineData("2026-02-17 10:00", 2, "2026-02-25 17:30")]
    [InlineData("2024-10-03 10:00", 1, "2024-10-08 17:30")] // from a National Day holiday
    [InlineData("2025-01-24 10:00", 1, "2025-01-26 17:30")] // Friday to the make-up Sunday
    [InlineData("2024-09-30 10:00", 1, "2024-10-08 17:30")] // National Day 2024
    [InlineData("2024-09-27 10:00", 1, "2024-09-29 17:30")]
    [InlineData("2024-10-11 10:00", 1, "2024-10-12 17:30")]
    [InlineData("2024-09-23 10:00", 10, "2024-10-11 17:30")]
    [InlineData("2025-09-30 10:00", 1, "2025-10-09 17:30")] // National Day and Mid-Autumn 2025
    [InlineData("2025-09-26 10:00", 1, "2025-09-28 17:30")]
    [InlineData("2025-09-30 10:00", 3, "2025-10-11 17:30")]
    [InlineData("2025-09-22 10:00", 10, "2025-10-11 17:30")]
    [InlineData("2026-09-30 10:00", 1, "2026-10-08 17:30")] // National Day 2026
    [InlineData("2026-09-18 10:00", 1, "2026-09-20 17:30")]
    [InlineData("2026-09-24 10:00", 1, "2026-09-28 17:30")] // over Mid-Autumn 2026
    [InlineData("2026-10-09 10:00", 1, "2026-10-10 17:30")]
    [InlineData("2026-09-21 10:00", 10, "2026-10-12 17:30")]
    [InlineData("2024-12-31 10:00", 1, "2025-01-02 17:30")] // New Year into 2025
    [InlineData("2025-12-31 10:00", 1, "2026-01-04 17:30")] // New Year into 2026, onto the make-up Sunday
    [InlineData("2025-12-31 10:00", 2, "2026-01-05 17:30")]
    [InlineData("2026-01-30 10:00", 25, "2026-03-12 17:30")] // the several-departments target over the Spring Festival
    public void AddWorkingDays_ByTheOfficialCalendar_EndsAtTheCloseOfTheDayCountedByHand(string start, int days, string expected) =>
        AssertDeadline(expected, Calendar.AddWorkingDays(At(start), days));

    [Theory]
    [InlineData("2026-03-01T17:00:00Z", "2026-03-03 17:30")]      // Monday 01:00 in Beijing, though Sunday in UTC
    [InlineData("2026-03-04T15:59:00-08:00", "2026-03-06 17:30")] // Thursday 07:59 in Beijing, Wednesday in California
    [InlineData("2026-03-06T15:59:59Z", "2026-03-09 17:30")]      // Friday 23:59:59 in Beijing
    [InlineData("2026-03-06T16:00:00Z", "2026-03-09 17:30")]      // Saturday 00:00 in Beijing
    public void AddWorkingDays_FromAnotherOffset_CountsFromTheDayInBeijing(string start, string expected) =>
        AssertDeadline(expected, Calendar.AddWorkingDays(At(start), 1));

    [Theory]
    [InlineData("2026-03-03 10:00", "2026-03-03 17:30")]
    [InlineData("2026-03-03 20:00", "2026-03-03 17:30")] // the close of the day, even once it has passed
    [InlineData("2026-03-07 10:00", "2026-03-09 17:30")]
    public void AddWorkingDays_OfNone_EndsAtTheCloseOfTheFirstWorkingDayFromTheStart(string start, string expected) =>
        AssertDeadline(expected, Calendar.AddWorkingDays(At(start), 0));

    [Fact]
    public void AddWorkingDays_ANegativeNumber_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(At("2026-03-03 10:00"), -1));

    [Theory]
    [InlineData("2026-12-31 10:00", 1, "2027-01-01 17:30")] // 2027 not entered: weekends are its only days off
    [InlineData("2026-12-30 10:00", 3, "2027-01-04 17:30")]
    [InlineData("2023-12-29 10:00", 1, "2024-01-02 17:30")] // the start's year, 2023, is not entered
    [InlineData("2027-03-05 10:00", 1, "2027-03-08 17:30")]
    public void AddWorkingDays_ThroughAYearWithoutEntries_IsProvisional(string start, int days, string expected) =>
        AssertDeadline(expected, Calendar.AddWorkingDays(At(start), days), provisional: true);
}
