using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class IsWorkingDayTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData("2026-03-09", true)]  // an ordinary Monday
    [InlineData("2026-03-07", false)] // an ordinary Saturday
    [InlineData("2026-03-08", false)] // an ordinary Sunday
    [InlineData("2026-02-14", true)]  // make-up Saturday
    [InlineData("2026-02-15", false)] // Spring Festival, a Sunday
    [InlineData("2026-02-16", false)] // Spring Festival, a Monday
    [InlineData("2026-02-23", false)] // last day of the Spring Festival, a Monday
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // make-up Saturday
    [InlineData("2026-01-04", true)]  // make-up Sunday
    [InlineData("2026-09-20", true)]  // make-up Sunday, ten days before National Day
    [InlineData("2025-01-26", true)]
    [InlineData("2025-10-08", false)]
    [InlineData("2024-06-10", false)]
    [InlineData("2024-02-18", true)]
    [InlineData("2027-01-01", true)]  // not entered: an ordinary Friday until 2027 is
    [InlineData("2027-01-02", false)]
    [InlineData("2023-12-30", false)]
    public void IsWorkingDay_ByTheOfficialCalendar(string day, bool expected) =>
        Assert.Equal(expected, Calendar.IsWorkingDay(Day(day)));
}
