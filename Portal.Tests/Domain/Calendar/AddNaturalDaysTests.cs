using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class AddNaturalDaysTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    // 24:00 of a day is written as 00:00 of the next.
    [Theory]
    [InlineData("2026-03-02 10:00", 7, "2026-03-10 00:00")]
    [InlineData("2026-03-02 23:59", 7, "2026-03-10 00:00")]
    [InlineData("2026-03-02 00:00", 7, "2026-03-10 00:00")]
    [InlineData("2026-03-07 10:00", 7, "2026-03-16 17:30")] // lands on a Saturday: the close of Monday
    [InlineData("2026-03-08 10:00", 7, "2026-03-16 17:30")] // lands on a Sunday
    [InlineData("2026-02-07 10:00", 7, "2026-02-15 00:00")] // lands on a make-up Saturday, which is worked
    [InlineData("2026-02-10 10:00", 7, "2026-02-24 17:30")] // lands in the Spring Festival
    [InlineData("2024-09-26 10:00", 7, "2024-10-08 17:30")] // lands in National Day 2024
    [InlineData("2025-09-25 10:00", 7, "2025-10-09 17:30")] // lands in National Day 2025
    [InlineData("2026-09-24 10:00", 7, "2026-10-08 17:30")] // lands in National Day 2026
    [InlineData("2026-09-18 10:00", 7, "2026-09-28 17:30")] // lands in Mid-Autumn 2026
    [InlineData("2025-12-25 10:00", 7, "2026-01-04 17:30")] // lands on New Year's Day 2026: the make-up Sunday
    [InlineData("2026-12-24 10:00", 7, "2027-01-01 00:00")] // 24:00 of 31 December, a day the calendar holds
    public void AddNaturalDays_ByTheOfficialCalendar_EndsAsCountedByHand(string start, int days, string expected) =>
        AssertDeadline(expected, Calendar.AddNaturalDays(At(start), days));

    [Fact]
    public void AddNaturalDays_FromAnotherOffset_CountsFromTheDayInBeijing() =>
        AssertDeadline("2026-03-11 00:00", Calendar.AddNaturalDays(At("2026-03-02T16:30:00Z"), 7)); // Tuesday 00:30 in Beijing

    [Fact]
    public void AddNaturalDays_ANegativeNumber_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddNaturalDays(At("2026-03-03 10:00"), -1));

    [Theory]
    [InlineData("2026-12-25 10:00", 7, "2027-01-02 00:00")] // 2027-01-01 not entered, so taken as an ordinary Friday
    [InlineData("2026-12-28 10:00", 7, "2027-01-05 00:00")]
    [InlineData("2027-05-01 10:00", 7, "2027-05-10 17:30")]
    public void AddNaturalDays_IntoAYearWithoutEntries_IsProvisional(string start, int days, string expected) =>
        AssertDeadline(expected, Calendar.AddNaturalDays(At(start), days), provisional: true);
}
