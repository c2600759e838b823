using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

/// <summary>暂停 (待补充) and 恢复: WorkingDaysLeftAtPause, WorkingTimeLeftAtPause and both DeadlineAfterResume.</summary>
public class PauseAndResumeTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    [Theory]
    [InlineData("2026-03-16 17:30", "2026-03-04 10:00", 8)]  // DESIGN.md's example
    [InlineData("2026-03-16 17:30", "2026-03-04 20:00", 8)]  // the hour of the pause does not matter
    [InlineData("2026-03-16 17:30", "2026-03-07 10:00", 6)]  // paused on a Saturday
    [InlineData("2026-03-16 17:30", "2026-03-13 10:00", 1)]
    [InlineData("2026-03-16 17:30", "2026-03-16 10:00", 0)]  // paused on the deadline's day
    [InlineData("2026-03-16 17:30", "2026-03-17 10:00", 0)]  // paused when already overdue
    [InlineData("2026-10-12 17:30", "2026-09-24 11:00", 7)]  // over Mid-Autumn and National Day 2026
    [InlineData("2025-02-08 17:30", "2025-01-24 16:00", 6)]  // over the 2025 Spring Festival and its make-up days
    [InlineData("2026-03-05 17:30", "2026-02-17 10:00", 9)]  // paused during the Spring Festival
    public void WorkingDaysLeftAtPause_CountsTheWorkingDaysAfterThePauseUpToTheDeadline(string deadline, string pausedAt, int left) =>
        Assert.Equal(left, Calendar.WorkingDaysLeftAtPause(At(deadline), At(pausedAt)));

    [Theory]
    [InlineData(8, "2026-03-10 10:00", "2026-03-20 17:30")]  // DESIGN.md's example
    [InlineData(7, "2026-10-09 15:00", "2026-10-19 17:30")]  // from the day before a make-up Saturday
    [InlineData(6, "2025-02-05 09:00", "2025-02-12 17:30")]
    [InlineData(9, "2026-02-24 09:00", "2026-03-06 17:30")]
    [InlineData(8, "2026-02-20 09:00", "2026-03-04 17:30")]  // resumed during the Spring Festival
    [InlineData(0, "2026-03-18 10:00", "2026-03-18 17:30")]  // paused on the deadline's day: until the close of the resume's day
    [InlineData(0, "2026-03-21 10:00", "2026-03-23 17:30")]  // the same, resumed on a Saturday
    public void DeadlineAfterResume_OfWorkingDays_EndsAtTheCloseOfThatManyWorkingDaysAfterTheResume(int left, string resumedAt, string expected) =>
        AssertDeadline(expected, Calendar.DeadlineAfterResume(left, At(resumedAt)));

    [Fact]
    public void PauseAndResume_OfTenWorkingDaysOverNationalDay2026_AddsThePausedWorkingDays()
    {
        var deadline = Calendar.DeadlineFor(At("2026-09-21 10:00"), TimeLimit.WorkingDays(10));
        AssertDeadline("2026-10-12 17:30", deadline);

        var left = Calendar.WorkingDaysLeftAtPause(deadline.At, At("2026-09-24 11:00"));

        AssertDeadline("2026-10-19 17:30", Calendar.DeadlineAfterResume(left, At("2026-10-09 15:00")));
    }

    [Fact]
    public void PauseAndResume_OfTenWorkingDaysOverTheSpringFestival2025_AddsThePausedWorkingDays()
    {
        var deadline = Calendar.DeadlineFor(At("2025-01-20 10:00"), TimeLimit.WorkingDays(10));
        AssertDeadline("2025-02-08 17:30", deadline);

        var left = Calendar.WorkingDaysLeftAtPause(deadline.At, At("2025-01-24 16:00"));

        AssertDeadline("2025-02-12 17:30", Calendar.DeadlineAfterResume(left, At("2025-02-05 09:00")));
    }

    [Fact]
    public void PauseAndResume_OfWorkingHoursOverTheSpringFestival_CountsTheTimeLeftFromTheResume()
    {
        var deadline = Calendar.DeadlineFor(At("2026-02-13 16:00"), TimeLimit.WorkingHours(2));
        var left = Calendar.WorkingTimeLeftAtPause(deadline.At, At("2026-02-13 16:30"));
        Assert.Equal(TimeSpan.FromHours(1.5), left);

        // 11:00 to 12:00, then 13:30 to 14:00.
        AssertDeadline("2026-02-24 14:00", Calendar.DeadlineAfterResume(left, At("2026-02-24 11:00")));
    }

    [Fact]
    public void PauseAndResume_OfWorkingHoursOverNewYear_CountsTheTimeLeftFromTheResume()
    {
        var deadline = Calendar.DeadlineFor(At("2025-12-31 16:00"), TimeLimit.WorkingHours(2));
        AssertDeadline("2026-01-04 09:00", deadline);
        var left = Calendar.WorkingTimeLeftAtPause(deadline.At, At("2025-12-31 17:00"));
        Assert.Equal(TimeSpan.FromHours(1), left);

        AssertDeadline("2026-01-05 14:30", Calendar.DeadlineAfterResume(left, At("2026-01-05 12:30")));
    }

    [Fact]
    public void WorkingTimeLeftAtPause_WhenTheDeadlineHasPassed_IsNothing() =>
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeLeftAtPause(At("2026-03-03 10:00"), At("2026-03-04 10:00")));

    [Fact]
    public void DeadlineAfterResume_OfNoWorkingTime_IsTheNextWorkingInstant() =>
        AssertDeadline("2026-03-09 08:30", Calendar.DeadlineAfterResume(TimeSpan.Zero, At("2026-03-07 10:00")));

    [Fact]
    public void DeadlineAfterResume_IntoAYearWithoutEntries_IsProvisional() =>
        AssertDeadline("2027-01-04 17:30", Calendar.DeadlineAfterResume(3, At("2026-12-30 10:00")), provisional: true);
}
