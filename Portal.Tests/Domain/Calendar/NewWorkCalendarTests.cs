using Portal.Domain;
using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class NewWorkCalendarTests
{
    [Fact]
    public void New_WithoutWorkingPeriods_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => new WorkCalendarBuilder().WithWorkingPeriods().Build());
        Assert.Equal("工作时段不能为空", refusal.Message);
    }

    [Theory]
    [InlineData("12:00", "08:30", "工作时段 12:00–08:30 的结束时间应晚于开始时间")]
    [InlineData("08:30", "08:30", "工作时段 08:30–08:30 的结束时间应晚于开始时间")]
    public void WorkingPeriod_EndingNoLaterThanItStarts_IsRefused(string start, string end, string message)
    {
        var refusal = Assert.Throws<DomainException>(() => new WorkCalendarBuilder().WithWorkingPeriods((start, end)).Build());
        Assert.Equal(message, refusal.Message);
    }

    [Fact]
    public void New_WithOverlappingPeriods_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new WorkCalendarBuilder().WithWorkingPeriods(("08:30", "12:00"), ("11:00", "17:30")).Build());
        Assert.Equal("工作时段应按时间先后排列且互不重叠：08:30–12:00 与 11:00–17:30", refusal.Message);
    }

    [Fact]
    public void New_WithPeriodsOutOfOrder_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new WorkCalendarBuilder().WithWorkingPeriods(("13:30", "17:30"), ("08:30", "12:00")).Build());
        Assert.Equal("工作时段应按时间先后排列且互不重叠：13:30–17:30 与 08:30–12:00", refusal.Message);
    }

    [Fact]
    public void New_WithPeriodsThatTouch_WorksStraightThrough()
    {
        var calendar = new WorkCalendarBuilder().WithWorkingPeriods(("08:30", "12:00"), ("12:00", "17:30")).Build();

        Assert.True(calendar.IsWorkingTime(At("2030-01-07 12:00")));
        AssertDeadline("2030-01-07 13:00", calendar.AddWorkingHours(At("2030-01-07 11:00"), 2), provisional: true);
    }

    [Fact]
    public void New_WithoutPeriods_UsesTheDefaultWorkingHours()
    {
        var calendar = new WorkCalendarBuilder().Build();

        Assert.Equal(["08:30–12:00", "13:30–17:30"], calendar.WorkingPeriods.Select(period => period.ToString()));
        Assert.Equal(new TimeOnly(17, 30), calendar.ClosingTime);
    }

    [Fact]
    public void New_WithADayBothOffAndWorked_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new WorkCalendarBuilder().HoldingYear(2030).WithDayOff("2030-01-05").WithMakeUpWorkingDay("2030-01-05").Build());
        Assert.Equal("2030-01-05 不能既是放假日又是调休上班日", refusal.Message);
    }

    [Fact]
    public void New_WithAMakeUpWorkingDayOnAWeekday_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new WorkCalendarBuilder().HoldingYear(2030).WithMakeUpWorkingDay("2030-01-07").Build());
        Assert.Equal("调休上班日 2030-01-07 应为周六或周日", refusal.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void New_WithAnEntryInAYearItDoesNotHold_IsRefused(bool dayOff)
    {
        var builder = new WorkCalendarBuilder().HoldingYear(2030);
        builder = dayOff ? builder.WithDayOff("2031-01-01", "元旦") : builder.WithMakeUpWorkingDay("2031-01-04");

        var refusal = Assert.Throws<DomainException>(builder.Build);
        Assert.EndsWith("所在的 2031 年不在日历已录入的年份中", refusal.Message);
    }

    [Fact]
    public void New_LaterChangesToTheCallersCollections_DoNotReachTheCalendar()
    {
        var daysOff = new Dictionary<DateOnly, string?> { [Day("2030-01-01")] = "元旦" };
        var makeUpWorkingDays = new List<DateOnly>();
        var calendar = new WorkCalendar([2030], daysOff, makeUpWorkingDays);

        daysOff.Add(Day("2030-01-02"), "元旦");
        makeUpWorkingDays.Add(Day("2030-01-05"));

        Assert.True(calendar.IsWorkingDay(Day("2030-01-02")));
        Assert.False(calendar.IsWorkingDay(Day("2030-01-05")));
    }

    [Fact]
    public void WorkingPeriods_CannotBeChangedThroughTheList()
    {
        var calendar = new WorkCalendarBuilder().Build();

        Assert.False(calendar.WorkingPeriods is WorkingPeriod[]);
        Assert.True(((ICollection<WorkingPeriod>)calendar.WorkingPeriods).IsReadOnly);
    }

    [Fact]
    public void New_WithOwnWorkingHours_CountsByThem()
    {
        var calendar = new WorkCalendarBuilder().HoldingYear(2030).WithWorkingPeriods(("09:00", "17:00")).Build();

        AssertDeadline("2030-01-08 10:00", calendar.AddWorkingHours(At("2030-01-07 16:00"), 2));
        AssertDeadline("2030-01-08 17:00", calendar.AddWorkingDays(At("2030-01-07 16:00"), 1));
        Assert.True(calendar.IsWorkingTime(At("2030-01-07 12:30")));
    }
}
