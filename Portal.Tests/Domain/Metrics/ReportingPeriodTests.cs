using Portal.Domain;
using Portal.Domain.Metrics;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Metrics;

public class ReportingPeriodTests
{
    /// <summary>A page's prerendered state (the dashboard's figures carry their period) comes back as JSON when the circuit starts.</summary>
    [Fact]
    public void APeriod_ComesBackFromJson_AsItWent()
    {
        var periods = new[] { ReportingPeriod.Containing(PeriodKind.Quarter, Day("2026-03-18")), ReportingPeriod.Custom(Day("2026-01-05"), Day("2026-02-27")) };

        var back = periods.Select(p => System.Text.Json.JsonSerializer.Deserialize<ReportingPeriod>(System.Text.Json.JsonSerializer.Serialize(p)));

        Assert.Equal(periods, back);
    }

    [Theory]
    [InlineData("2026-03-16")]
    [InlineData("2026-03-18")]
    [InlineData("2026-03-22")]
    public void Containing_Week_RunsFromMondayToSunday(string day)
    {
        var week = ReportingPeriod.Containing(PeriodKind.Week, Day(day));

        AssertDays(PeriodKind.Week, "2026-03-16", "2026-03-22", week);
    }

    [Fact]
    public void Containing_Week_OnASunday_IsTheWeekThatStartedTheMondayBefore()
    {
        var week = ReportingPeriod.Containing(PeriodKind.Week, Day("2026-03-15"));

        AssertDays(PeriodKind.Week, "2026-03-09", "2026-03-15", week);
    }

    [Theory]
    [InlineData("2025-12-29")]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-04")]
    public void Containing_Week_AcrossAYearEnd_IsOneWeek(string day)
    {
        var week = ReportingPeriod.Containing(PeriodKind.Week, Day(day));

        AssertDays(PeriodKind.Week, "2025-12-29", "2026-01-04", week);
    }

    [Theory]
    [InlineData("2026-02-01", "2026-02-01", "2026-02-28")]
    [InlineData("2028-02-29", "2028-02-01", "2028-02-29")]
    [InlineData("2026-12-31", "2026-12-01", "2026-12-31")]
    public void Containing_Month_RunsFromItsFirstDayToItsLast(string day, string first, string last)
    {
        var month = ReportingPeriod.Containing(PeriodKind.Month, Day(day));

        AssertDays(PeriodKind.Month, first, last, month);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01-01", "2026-03-31")]
    [InlineData("2026-03-31", "2026-01-01", "2026-03-31")]
    [InlineData("2026-04-01", "2026-04-01", "2026-06-30")]
    [InlineData("2026-08-15", "2026-07-01", "2026-09-30")]
    [InlineData("2026-12-31", "2026-10-01", "2026-12-31")]
    public void Containing_Quarter_StartsOnTheFirstDayOfItsQuarter(string day, string first, string last)
    {
        var quarter = ReportingPeriod.Containing(PeriodKind.Quarter, Day(day));

        AssertDays(PeriodKind.Quarter, first, last, quarter);
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-07-15")]
    [InlineData("2026-12-31")]
    public void Containing_Year_RunsFromJanuaryTheFirstToDecemberTheThirtyFirst(string day)
    {
        var year = ReportingPeriod.Containing(PeriodKind.Year, Day(day));

        AssertDays(PeriodKind.Year, "2026-01-01", "2026-12-31", year);
    }

    [Fact]
    public void Containing_Custom_IsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.Containing(PeriodKind.Custom, Day("2026-03-18")));
    }

    [Fact]
    public void Previous_OfAWeek_IsTheSevenDaysBefore()
    {
        var previous = ReportingPeriod.Containing(PeriodKind.Week, Day("2026-01-01")).Previous();

        AssertDays(PeriodKind.Week, "2025-12-22", "2025-12-28", previous);
    }

    [Theory]
    [InlineData("2026-03-10", "2026-02-01", "2026-02-28")]
    [InlineData("2026-01-20", "2025-12-01", "2025-12-31")]
    public void Previous_OfAMonth_IsTheMonthBefore(string day, string first, string last)
    {
        var previous = ReportingPeriod.Containing(PeriodKind.Month, Day(day)).Previous();

        AssertDays(PeriodKind.Month, first, last, previous);
    }

    [Theory]
    [InlineData("2026-05-10", "2026-01-01", "2026-03-31")]
    [InlineData("2026-02-10", "2025-10-01", "2025-12-31")]
    public void Previous_OfAQuarter_IsTheQuarterBefore(string day, string first, string last)
    {
        var previous = ReportingPeriod.Containing(PeriodKind.Quarter, Day(day)).Previous();

        AssertDays(PeriodKind.Quarter, first, last, previous);
    }

    [Fact]
    public void Previous_OfAYear_IsTheYearBefore()
    {
        var previous = ReportingPeriod.Containing(PeriodKind.Year, Day("2026-06-01")).Previous();

        AssertDays(PeriodKind.Year, "2025-01-01", "2025-12-31", previous);
    }

    [Fact]
    public void Previous_OfACustomPeriod_IsAsManyDaysEndingTheDayBeforeItsFirst()
    {
        var period = ReportingPeriod.Custom(Day("2026-03-01"), Day("2026-03-10"));

        var previous = period.Previous();

        AssertDays(PeriodKind.Custom, "2026-02-19", "2026-02-28", previous);
        Assert.Equal(10, previous.Days);
    }

    [Fact]
    public void StartAndEnd_AreTheDistrictsMidnights_TheEndBeingTheDayAfterTheLast()
    {
        var april = ReportingPeriod.Containing(PeriodKind.Month, Day("2026-04-15"));

        AssertInstant("2026-04-01 00:00", april.Start);
        AssertInstant("2026-05-01 00:00", april.End);
        Assert.Equal(30, april.Days);
    }

    [Theory]
    [InlineData("2026-03-31T16:00:00Z", true)]
    [InlineData("2026-04-01 00:00", true)]
    [InlineData("2026-04-30 23:59:59.9999999", true)]
    [InlineData("2026-04-30T15:59:59Z", true)]
    [InlineData("2026-03-31T15:59:59Z", false)]
    [InlineData("2026-03-31 23:59:59.9999999", false)]
    [InlineData("2026-04-30T16:00:00Z", false)]
    [InlineData("2026-05-01 00:00", false)]
    public void Contains_AnInstant_WhenItFallsOnTheDaysInTheDistrict(string instant, bool contained)
    {
        var april = ReportingPeriod.Containing(PeriodKind.Month, Day("2026-04-15"));

        Assert.Equal(contained, april.Contains(At(instant)));
    }

    [Fact]
    public void Custom_OfOneDay_IsThatDay()
    {
        var period = ReportingPeriod.Custom(Day("2026-03-18"), Day("2026-03-18"));

        AssertDays(PeriodKind.Custom, "2026-03-18", "2026-03-18", period);
        Assert.Equal(1, period.Days);
    }

    [Theory]
    [InlineData(null, "2026-03-10")]
    [InlineData("2026-03-01", null)]
    [InlineData(null, null)]
    public void Custom_WithoutADate_IsRefused(string? first, string? last)
    {
        var refusal = Assert.Throws<DomainException>(() => ReportingPeriod.Custom(DayOrNull(first), DayOrNull(last)));

        Assert.Equal(MetricsRefusals.PeriodDatesRequired, refusal.Code);
        Assert.Equal("请选择统计区间的开始日期和结束日期", refusal.Message);
        Assert.Empty(refusal.Arguments);
    }

    [Fact]
    public void Custom_EndingBeforeItStarts_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => ReportingPeriod.Custom(Day("2026-03-10"), Day("2026-03-09")));

        Assert.Equal(MetricsRefusals.PeriodEndsBeforeStart, refusal.Code);
        Assert.Equal("结束日期 2026年3月9日 早于开始日期 2026年3月10日", refusal.Message);
        Assert.Equal([Day("2026-03-10"), Day("2026-03-09")], refusal.Arguments);
    }

    [Theory]
    [InlineData("2021-01-01", "2025-12-31")]
    [InlineData("2021-07-15", "2026-07-14")]
    public void Custom_OfExactlyFiveYears_IsAllowed(string first, string last)
    {
        var period = ReportingPeriod.Custom(Day(first), Day(last));

        AssertDays(PeriodKind.Custom, first, last, period);
    }

    [Theory]
    [InlineData("2021-01-01", "2026-01-01")]
    [InlineData("2021-07-15", "2026-07-15")]
    public void Custom_OfFiveYearsAndADay_IsRefused(string first, string last)
    {
        var refusal = Assert.Throws<DomainException>(() => ReportingPeriod.Custom(Day(first), Day(last)));

        Assert.Equal(MetricsRefusals.PeriodTooLong, refusal.Code);
        Assert.Equal("统计区间不能超过 5 年", refusal.Message);
        Assert.Equal([ReportingPeriod.MaxYears], refusal.Arguments);
    }

    private static DateOnly? DayOrNull(string? text) => text is null ? null : Day(text);

    private static void AssertDays(PeriodKind kind, string first, string last, ReportingPeriod period) =>
        Assert.Equal((kind, Day(first), Day(last)), (period.Kind, period.First, period.Last));
}
