using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class WorkingTimeBetweenTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData("2026-03-06 16:30", "2026-03-09 09:30", 2.0)]
    [InlineData("2026-03-03 08:30", "2026-03-03 17:30", 7.5)]
    [InlineData("2026-03-03 00:00", "2026-03-04 00:00", 7.5)]
    [InlineData("2026-03-02 00:00", "2026-03-09 00:00", 37.5)] // an ordinary week
    [InlineData("2026-02-13 00:00", "2026-02-25 00:00", 22.5)] // the Spring Festival leaves 13th, 14th and 24th
    [InlineData("2026-03-03 12:10", "2026-03-03 13:20", 0.0)]  // inside the lunch break
    [InlineData("2026-03-03 11:00", "2026-03-03 14:00", 1.5)]
    [InlineData("2026-03-03 10:00", "2026-03-03 10:00", 0.0)]
    [InlineData("2024-09-30 17:00", "2024-10-08 09:00", 1.0)]  // over National Day 2024
    [InlineData("2026-03-03T01:00:00Z", "2026-03-03 11:00", 2.0)] // one end in UTC
    public void WorkingTimeBetween_ByTheOfficialCalendar(string from, string to, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Calendar.WorkingTimeBetween(At(from), At(to)));

    [Fact]
    public void WorkingTimeBetween_EndsGivenTheWrongWayRound_IsNegative() =>
        Assert.Equal(TimeSpan.FromHours(-2), Calendar.WorkingTimeBetween(At("2026-03-09 09:30"), At("2026-03-06 16:30")));
}
