using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class NextWorkingInstantTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData("2026-03-03 10:00", "2026-03-03 10:00")]
    [InlineData("2026-03-03 08:30", "2026-03-03 08:30")]
    [InlineData("2026-03-03 07:00", "2026-03-03 08:30")]
    [InlineData("2026-03-03 12:00", "2026-03-03 13:30")]
    [InlineData("2026-03-03 17:30", "2026-03-04 08:30")]
    [InlineData("2026-03-06 18:00", "2026-03-09 08:30")]
    [InlineData("2026-02-13 18:00", "2026-02-14 08:30")] // to the make-up Saturday
    [InlineData("2026-02-14 18:00", "2026-02-24 08:30")] // over the Spring Festival
    [InlineData("2026-03-03T02:00:00Z", "2026-03-03 10:00")] // answered in Beijing time
    [InlineData("2026-03-03T04:00:00Z", "2026-03-03 13:30")]
    public void NextWorkingInstant_ByTheOfficialCalendar(string instant, string expected) =>
        AssertInstant(expected, Calendar.NextWorkingInstant(At(instant)));
}
