using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

/// <summary>The worked examples of DESIGN.md section 4, "How a time limit is counted", each as written there.</summary>
public class DesignExampleTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    // 2026-03-07 is an ordinary Saturday.
    [Fact]
    public void TwoWorkingHours_FromFriday1630_EndMonday0930() =>
        AssertDeadline("2026-03-09 09:30", Calendar.DeadlineFor(At("2026-03-06 16:30"), TimeLimit.WorkingHours(2)));

    [Fact]
    public void OneWorkingDay_FromWednesday0900_EndsThursday1730() =>
        AssertDeadline("2026-03-05 17:30", Calendar.DeadlineFor(At("2026-03-04 09:00"), TimeLimit.WorkingDays(1)));

    [Fact]
    public void OneWorkingDay_FromSaturday1100_EndsMonday1730() =>
        AssertDeadline("2026-03-09 17:30", Calendar.DeadlineFor(At("2026-03-07 11:00"), TimeLimit.WorkingDays(1)));

    [Fact]
    public void TenWorkingDays_PausedAndResumed_EndFriday20March()
    {
        var deadline = Calendar.DeadlineFor(At("2026-03-02 10:00"), TimeLimit.WorkingDays(10));
        AssertDeadline("2026-03-16 17:30", deadline);

        var left = Calendar.WorkingDaysLeftAtPause(deadline.At, At("2026-03-04 10:00"));
        Assert.Equal(8, left);

        AssertDeadline("2026-03-20 17:30", Calendar.DeadlineAfterResume(left, At("2026-03-10 10:00")));
    }

    [Fact]
    public void TenWorkingDays_FromFriday13FebruaryAcrossTheSpringFestival_EndThursday5March() =>
        AssertDeadline("2026-03-05 17:30", Calendar.DeadlineFor(At("2026-02-13 10:00"), TimeLimit.WorkingDays(10)));

    [Fact]
    public void TwoWorkingHours_FromFriday13February1600_EndOnTheMakeUpSaturday() =>
        AssertDeadline("2026-02-14 09:00", Calendar.DeadlineFor(At("2026-02-13 16:00"), TimeLimit.WorkingHours(2)));
}
