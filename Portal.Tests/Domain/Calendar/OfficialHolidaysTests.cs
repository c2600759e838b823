using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

/// <summary>
/// The expected values are copied by hand from the notices' text (see Portal.Domain/Calendar/HOLIDAYS.md),
/// written out day by day so that a slip in a date range of the data cannot hide behind the same slip here.
/// </summary>
public class OfficialHolidaysTests
{
    private static readonly WorkCalendar Calendar = OfficialHolidays.CreateCalendar();

    public static TheoryData<int, string[]> DaysOffByYear => new()
    {
        {
            2024,
            [
                "2024-01-01",
                "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17",
                "2024-04-04", "2024-04-05", "2024-04-06",
                "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05",
                "2024-06-10",
                "2024-09-15", "2024-09-16", "2024-09-17",
                "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07",
            ]
        },
        {
            2025,
            [
                "2025-01-01",
                "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04",
                "2025-04-04", "2025-04-05", "2025-04-06",
                "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05",
                "2025-05-31", "2025-06-01", "2025-06-02",
                "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08",
            ]
        },
        {
            2026,
            [
                "2026-01-01", "2026-01-02", "2026-01-03",
                "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23",
                "2026-04-04", "2026-04-05", "2026-04-06",
                "2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05",
                "2026-06-19", "2026-06-20", "2026-06-21",
                "2026-09-25", "2026-09-26", "2026-09-27",
                "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
            ]
        },
    };

    public static TheoryData<int, string[]> MakeUpWorkingDaysByYear => new()
    {
        { 2024, ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"] },
        { 2025, ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"] },
        { 2026, ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"] },
    };

    [Theory]
    [InlineData(2024, "国办发明电〔2023〕7号", "2023-10-25")]
    [InlineData(2025, "国办发明电〔2024〕12号", "2024-11-12")]
    [InlineData(2026, "国办发明电〔2025〕7号", "2025-11-04")]
    public void Notices_CiteTheDocumentOfEachYear(int year, string documentNumber, string issued)
    {
        var notice = Assert.Single(OfficialHolidays.Notices, notice => notice.Year == year);
        Assert.Equal(documentNumber, notice.DocumentNumber);
        Assert.Equal(Day(issued), notice.Issued);
    }

    [Theory]
    [MemberData(nameof(DaysOffByYear))]
    public void DaysOff_AreExactlyThoseOfTheNotice(int year, string[] expected) =>
        Assert.Equal(expected.Select(Day), Calendar.DaysOff.Keys.Where(day => day.Year == year).Order());

    [Theory]
    [MemberData(nameof(MakeUpWorkingDaysByYear))]
    public void MakeUpWorkingDays_AreExactlyThoseOfTheNotice(int year, string[] expected) =>
        Assert.Equal(expected.Select(Day), Calendar.MakeUpWorkingDays.Where(day => day.Year == year).Order());

    // 2024 counts 元旦 and 端午节 as the one day the notice names ("与周末连休" adds only an ordinary weekend).
    [Theory]
    [InlineData(2024, 28, 8)]
    [InlineData(2025, 28, 5)]
    [InlineData(2026, 33, 6)]
    public void EachYear_HasTheNoticesCountOfDaysOffAndMakeUpDays(int year, int daysOff, int makeUpWorkingDays)
    {
        var notice = Assert.Single(OfficialHolidays.Notices, notice => notice.Year == year);
        Assert.Equal(daysOff, notice.Holidays.Sum(holiday => holiday.DaysOff.Count()));
        Assert.Equal(makeUpWorkingDays, notice.Holidays.Sum(holiday => holiday.MakeUpWorkingDays.Count));
    }

    [Theory]
    [InlineData(2024, "春节", 8)]
    [InlineData(2024, "清明节", 3)]
    [InlineData(2024, "劳动节", 5)]
    [InlineData(2024, "中秋节", 3)]
    [InlineData(2024, "国庆节", 7)]
    [InlineData(2025, "元旦", 1)]
    [InlineData(2025, "春节", 8)]
    [InlineData(2025, "清明节", 3)]
    [InlineData(2025, "劳动节", 5)]
    [InlineData(2025, "端午节", 3)]
    [InlineData(2025, "国庆节、中秋节", 8)]
    [InlineData(2026, "元旦", 3)]
    [InlineData(2026, "春节", 9)]
    [InlineData(2026, "清明节", 3)]
    [InlineData(2026, "劳动节", 5)]
    [InlineData(2026, "端午节", 3)]
    [InlineData(2026, "中秋节", 3)]
    [InlineData(2026, "国庆节", 7)]
    public void EachHoliday_LastsTheDaysItsNoticeStates(int year, string name, int days)
    {
        var notice = Assert.Single(OfficialHolidays.Notices, notice => notice.Year == year);
        Assert.Equal(days, Assert.Single(notice.Holidays, holiday => holiday.Name == name).DaysOff.Count());
    }

    // Every date the notices print with its weekday: the weekday is the notice's own check on the date.
    [Theory]
    [InlineData("2024-02-04", DayOfWeek.Sunday, true)]
    [InlineData("2024-02-18", DayOfWeek.Sunday, true)]
    [InlineData("2024-04-07", DayOfWeek.Sunday, true)]
    [InlineData("2024-04-28", DayOfWeek.Sunday, true)]
    [InlineData("2024-05-11", DayOfWeek.Saturday, true)]
    [InlineData("2024-09-14", DayOfWeek.Saturday, true)]
    [InlineData("2024-09-29", DayOfWeek.Sunday, true)]
    [InlineData("2024-10-12", DayOfWeek.Saturday, true)]
    [InlineData("2025-01-01", DayOfWeek.Wednesday, false)]
    [InlineData("2025-01-28", DayOfWeek.Tuesday, false)]
    [InlineData("2025-02-04", DayOfWeek.Tuesday, false)]
    [InlineData("2025-01-26", DayOfWeek.Sunday, true)]
    [InlineData("2025-02-08", DayOfWeek.Saturday, true)]
    [InlineData("2025-04-04", DayOfWeek.Friday, false)]
    [InlineData("2025-04-06", DayOfWeek.Sunday, false)]
    [InlineData("2025-05-01", DayOfWeek.Thursday, false)]
    [InlineData("2025-05-05", DayOfWeek.Monday, false)]
    [InlineData("2025-04-27", DayOfWeek.Sunday, true)]
    [InlineData("2025-05-31", DayOfWeek.Saturday, false)]
    [InlineData("2025-06-02", DayOfWeek.Monday, false)]
    [InlineData("2025-10-01", DayOfWeek.Wednesday, false)]
    [InlineData("2025-10-08", DayOfWeek.Wednesday, false)]
    [InlineData("2025-09-28", DayOfWeek.Sunday, true)]
    [InlineData("2025-10-11", DayOfWeek.Saturday, true)]
    [InlineData("2026-01-01", DayOfWeek.Thursday, false)]
    [InlineData("2026-01-03", DayOfWeek.Saturday, false)]
    [InlineData("2026-01-04", DayOfWeek.Sunday, true)]
    [InlineData("2026-02-15", DayOfWeek.Sunday, false)]
    [InlineData("2026-02-23", DayOfWeek.Monday, false)]
    [InlineData("2026-02-14", DayOfWeek.Saturday, true)]
    [InlineData("2026-02-28", DayOfWeek.Saturday, true)]
    [InlineData("2026-04-04", DayOfWeek.Saturday, false)]
    [InlineData("2026-04-06", DayOfWeek.Monday, false)]
    [InlineData("2026-05-01", DayOfWeek.Friday, false)]
    [InlineData("2026-05-05", DayOfWeek.Tuesday, false)]
    [InlineData("2026-05-09", DayOfWeek.Saturday, true)]
    [InlineData("2026-06-19", DayOfWeek.Friday, false)]
    [InlineData("2026-06-21", DayOfWeek.Sunday, false)]
    [InlineData("2026-09-25", DayOfWeek.Friday, false)]
    [InlineData("2026-09-27", DayOfWeek.Sunday, false)]
    [InlineData("2026-10-01", DayOfWeek.Thursday, false)]
    [InlineData("2026-10-07", DayOfWeek.Wednesday, false)]
    [InlineData("2026-09-20", DayOfWeek.Sunday, true)]
    [InlineData("2026-10-10", DayOfWeek.Saturday, true)]
    public void EveryDatePrintedWithItsWeekday_HasThatWeekdayAndStatus(string date, DayOfWeek printed, bool worked)
    {
        Assert.Equal(printed, Day(date).DayOfWeek);
        Assert.Equal(worked, Calendar.IsWorkingDay(Day(date)));
    }

    [Fact]
    public void MakeUpWorkingDays_AreAllWeekendDays() =>
        Assert.All(AllMakeUpWorkingDays(), day => Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{day} is a weekday"));

    [Fact]
    public void NoDate_IsBothOffAndWorked() =>
        Assert.Empty(AllDaysOff().Intersect(AllMakeUpWorkingDays()));

    [Fact]
    public void NoDate_IsOffForTwoHolidays() =>
        Assert.Equal(AllDaysOff().Count(), AllDaysOff().Distinct().Count());

    [Fact]
    public void EveryDate_BelongsToItsNoticesYear() =>
        Assert.All(OfficialHolidays.Notices, notice => Assert.All(
            notice.Holidays.SelectMany(holiday => holiday.DaysOff.Concat(holiday.MakeUpWorkingDays)),
            day => Assert.Equal(notice.Year, day.Year)));

    [Fact]
    public void MakeUpWorkingDays_LieNearTheirHoliday() =>
        Assert.All(OfficialHolidays.Notices.SelectMany(notice => notice.Holidays), holiday => Assert.All(
            holiday.MakeUpWorkingDays,
            day => Assert.InRange(day, holiday.FirstDayOff.AddDays(-14), holiday.LastDayOff.AddDays(14))));

    [Fact]
    public void CreateCalendar_HoldsTheYearsOfTheNoticesAndNamesTheirDaysOff()
    {
        Assert.Equal([2024, 2025, 2026], Calendar.Years.Order());
        Assert.Equal("春节", Calendar.DaysOff[Day("2026-02-17")]);
        Assert.Equal("国庆节、中秋节", Calendar.DaysOff[Day("2025-10-06")]);
    }

    // The 2024 notice only encourages employers to let staff rest on 除夕; the day stays a working day.
    [Fact]
    public void SpringFestivalEve2024_IsAWorkingDay() =>
        Assert.True(Calendar.IsWorkingDay(Day("2024-02-09")));

    [Fact]
    public void CreateCalendar_WithOwnWorkingHours_KeepsTheHolidays()
    {
        var calendar = OfficialHolidays.CreateCalendar([new WorkingPeriod(new TimeOnly(9, 0), new TimeOnly(17, 0))]);

        Assert.False(calendar.IsWorkingDay(Day("2026-02-17")));
        AssertDeadline("2026-02-24 17:00", calendar.AddWorkingDays(At("2026-02-13 10:00"), 2));
    }

    private static IEnumerable<DateOnly> AllDaysOff() =>
        OfficialHolidays.Notices.SelectMany(notice => notice.Holidays).SelectMany(holiday => holiday.DaysOff);

    private static IEnumerable<DateOnly> AllMakeUpWorkingDays() =>
        OfficialHolidays.Notices.SelectMany(notice => notice.Holidays).SelectMany(holiday => holiday.MakeUpWorkingDays);
}
