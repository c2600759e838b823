using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class DeadlineForTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData(2, TimeLimitUnit.WorkingHours, "2026-03-09 09:30")]
    [InlineData(1, TimeLimitUnit.WorkingDays, "2026-03-09 17:30")]
    [InlineData(10, TimeLimitUnit.WorkingDays, "2026-03-20 17:30")]
    [InlineData(7, TimeLimitUnit.NaturalDays, "2026-03-14 00:00")]
    [InlineData(8, TimeLimitUnit.NaturalDays, "2026-03-16 17:30")]
    public void DeadlineFor_FromFriday1630_CountsInTheLimitsUnit(int amount, TimeLimitUnit unit, string expected) =>
        AssertDeadline(expected, Calendar.DeadlineFor(At("2026-03-06 16:30"), new TimeLimit(amount, unit)));
}
