using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class AddWorkingTimeTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData("2026-03-03 09:00", 2, "2026-03-03 11:00")]
    [InlineData("2026-03-03 11:00", 1, "2026-03-03 12:00")] // runs out exactly at the lunch break
    [InlineData("2026-03-03 11:00", 2, "2026-03-03 14:30")]
    [InlineData("2026-03-03 12:00", 2, "2026-03-03 15:30")] // 12:00 is already the break
    [InlineData("2026-03-03 12:45", 1, "2026-03-03 14:30")]
    [InlineData("2026-03-03 15:30", 2, "2026-03-03 17:30")] // runs out exactly at the close
    [InlineData("2026-03-03 17:30", 2, "2026-03-04 10:30")] // 17:30 is already after hours
    [InlineData("2026-03-03 08:30", 8, "2026-03-04 09:00")] // a working day holds 7½ hours
    [InlineData("2026-03-02 22:00", 2, "2026-03-03 10:30")] // at night
    [InlineData("2026-03-03 06:00", 2, "2026-03-03 10:30")] // before opening
    [InlineData("2026-03-07 11:00", 2, "2026-03-09 10:30")] // on an ordinary Saturday
    [InlineData("2026-02-14 10:00", 2, "2026-02-14 12:00")] // on a make-up Saturday
    [InlineData("2026-02-28 16:00", 2, "2026-03-02 09:00")] // from a make-up Saturday to Monday
    [InlineData("2026-02-17 10:00", 2, "2026-02-24 10:30")] // on a Spring Festival holiday
    [InlineData("2025-01-27 17:00", 2, "2025-02-05 10:00")] // over the 2025 Spring Festival
    [InlineData("2024-09-30 16:30", 2, "2024-10-08 09:30")] // over National Day 2024
    [InlineData("2025-09-30 16:30", 2, "2025-10-09 09:30")] // over National Day and Mid-Autumn 2025
    [InlineData("2026-09-30 16:30", 2, "2026-10-08 09:30")] // over National Day 2026
    [InlineData("2024-12-31 17:00", 2, "2025-01-02 10:00")] // into 2025 over New Year's Day
    [InlineData("2025-12-31 17:00", 2, "2026-01-04 10:00")] // into 2026, onto the make-up Sunday
    public void AddWorkingHours_ByTheOfficialCalendar_EndsAsCountedByHand(string start, int hours, string expected) =>
        AssertDeadline(expected, Calendar.AddWorkingHours(At(start), hours));

    [Theory]
    [InlineData("2026-03-02T01:00:00Z", "2026-03-02 11:00")]       // 09:00 in Beijing
    [InlineData("2026-03-01T23:00:00Z", "2026-03-02 10:30")]       // still Sunday in UTC, Monday 07:00 in Beijing
    [InlineData("2026-03-06T10:30:00+02:00", "2026-03-09 09:30")]  // Friday 16:30 in Beijing
    [InlineData("2026-03-06T09:30:00Z", "2026-03-09 10:30")]       // Friday 17:30 in Beijing
    [InlineData("2026-02-13T03:00:00-05:00", "2026-02-14 09:00")]  // Friday 16:00 in Beijing, before the Spring Festival
    public void AddWorkingHours_FromAnotherOffset_CountsInBeijingAndAnswersInBeijing(string start, string expected) =>
        AssertDeadline(expected, Calendar.AddWorkingHours(At(start), 2));

    [Fact]
    public void AddWorkingTime_OfAFractionOfAnHour_SkipsTheBreakToTheSecond() =>
        AssertDeadline("2026-03-03 13:30:30", Calendar.AddWorkingTime(At("2026-03-03 11:59:30"), TimeSpan.FromMinutes(1)));

    [Fact]
    public void AddWorkingTime_OfNothing_EndsAtTheNextWorkingInstant() =>
        AssertDeadline("2026-03-09 08:30", Calendar.AddWorkingTime(At("2026-03-06 17:30"), TimeSpan.Zero));

    [Fact]
    public void AddWorkingTime_OfANegativeSpan_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingTime(At("2026-03-03 09:00"), TimeSpan.FromMinutes(-1)));

    [Theory]
    [InlineData("2026-12-31 17:00", "2027-01-01 10:00")] // 2027 is not entered: Friday 1 January counts as worked
    [InlineData("2023-12-29 16:30", "2024-01-02 09:30")] // started in 2023, which is not entered
    public void AddWorkingHours_ThroughAYearWithoutEntries_IsProvisional(string start, string expected) =>
        AssertDeadline(expected, Calendar.AddWorkingHours(At(start), 2), provisional: true);
}
