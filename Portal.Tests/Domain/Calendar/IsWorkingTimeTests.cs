using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class IsWorkingTimeTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData("2026-03-03 08:29:59", false)]
    [InlineData("2026-03-03 08:30", true)]
    [InlineData("2026-03-03 11:59:59", true)]
    [InlineData("2026-03-03 12:00", false)]
    [InlineData("2026-03-03 13:29:59", false)]
    [InlineData("2026-03-03 13:30", true)]
    [InlineData("2026-03-03 17:29:59", true)]
    [InlineData("2026-03-03 17:30", false)]
    [InlineData("2026-03-03 00:00", false)]
    [InlineData("2026-02-14 09:00", true)]  // make-up Saturday
    [InlineData("2026-02-17 09:00", false)] // Spring Festival
    [InlineData("2026-03-07 09:00", false)] // Saturday
    [InlineData("2026-03-03T01:00:00Z", true)]  // 09:00 in Beijing
    [InlineData("2026-03-03T09:30:00Z", false)] // 17:30 in Beijing
    [InlineData("2026-03-02T20:00:00-05:00", true)] // Tuesday 09:00 in Beijing
    public void IsWorkingTime_ByTheOfficialCalendar(string instant, bool expected) =>
        Assert.Equal(expected, Calendar.IsWorkingTime(At(instant)));
}
