using Portal.Domain;
using Portal.Domain.Calendar;
using static Portal.Tests.Domain.Calendar.Shanghai;

namespace Portal.Tests.Domain.Calendar;

public class CalendarYearTests
{
    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void New_OutsideTheYearsTheCalendarTakes_IsRefused(int year)
    {
        var refusal = Assert.Throws<DomainException>(() => new CalendarYear(year));
        Assert.Equal("年份应在 2000 至 2100 之间", refusal.Message);
    }

    [Fact]
    public void Mark_AMakeUpWorkingDayOnAWeekday_IsRefused()
    {
        var year = new CalendarYear(2027);
        var refusal = Assert.Throws<DomainException>(() => year.Mark(Day("2027-03-03"), CalendarEntryKind.MakeUpWorkingDay, null));
        Assert.Equal("调休上班日 2027-03-03 应为周六或周日", refusal.Message);
        Assert.Empty(year.Entries);
    }

    [Fact]
    public void Mark_ADayOfAnotherYear_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() => new CalendarYear(2027).Mark(Day("2028-01-01"), CalendarEntryKind.DayOff, "元旦"));
        Assert.Equal("2028-01-01 不在 2027 年内", refusal.Message);
    }

    [Fact]
    public void Mark_AnOverlongName_IsRefused()
    {
        var refusal = Assert.Throws<DomainException>(() =>
            new CalendarYear(2027).Mark(Day("2027-01-01"), CalendarEntryKind.DayOff, new string('节', CalendarEntry.NameMaxLength + 1)));
        Assert.Equal("节日名称不能超过 32 个字符", refusal.Message);
    }

    [Fact]
    public void Mark_AnEnteredDay_ReplacesItsEntry()
    {
        var year = new CalendarYear(2027);
        year.Mark(Day("2027-02-06"), CalendarEntryKind.DayOff, "春节");

        year.Mark(Day("2027-02-06"), CalendarEntryKind.MakeUpWorkingDay, "  ");

        var entry = Assert.Single(year.Entries);
        Assert.Equal((Day("2027-02-06"), CalendarEntryKind.MakeUpWorkingDay, (string?)null), (entry.Date, entry.Kind, entry.Name));
    }

    [Fact]
    public void Clear_RemovesTheEntryAndSaysWhetherThereWasOne()
    {
        var year = new CalendarYear(2027);
        year.Mark(Day("2027-01-01"), CalendarEntryKind.DayOff, "元旦");

        Assert.True(year.Clear(Day("2027-01-01")));
        Assert.False(year.Clear(Day("2027-01-01")));
        Assert.Empty(year.Entries);
    }

    [Fact]
    public void ReplaceEntries_WithADateTwice_IsRefusedAndChangesNothing()
    {
        var year = new CalendarYear(2027, "旧文号");
        year.Mark(Day("2027-01-01"), CalendarEntryKind.DayOff, "元旦");

        var refusal = Assert.Throws<DomainException>(() => year.ReplaceEntries("新文号",
            [(Day("2027-05-01"), CalendarEntryKind.DayOff, null), (Day("2027-05-01"), CalendarEntryKind.DayOff, null)]));

        Assert.Equal("2027-05-01 重复出现", refusal.Message);
        Assert.Equal("旧文号", year.Notice);
        Assert.Equal([Day("2027-01-01")], year.Entries.Select(e => e.Date));
    }

    [Fact]
    public void ReplaceEntries_KeepsOnlyTheNewEntries()
    {
        var year = new CalendarYear(2027);
        year.Mark(Day("2027-01-01"), CalendarEntryKind.DayOff, "元旦");
        year.Mark(Day("2027-01-02"), CalendarEntryKind.DayOff, "元旦");

        year.ReplaceEntries("国办发明电〔2026〕1号", [(Day("2027-01-01"), CalendarEntryKind.DayOff, "新年"), (Day("2027-02-07"), CalendarEntryKind.MakeUpWorkingDay, "春节")]);

        Assert.Equal("国办发明电〔2026〕1号", year.Notice);
        Assert.Equal(
            [(Day("2027-01-01"), CalendarEntryKind.DayOff, "新年"), (Day("2027-02-07"), CalendarEntryKind.MakeUpWorkingDay, "春节")],
            year.Entries.OrderBy(e => e.Date).Select(e => (e.Date, e.Kind, e.Name)));
    }

    [Fact]
    public void FromNotice_ForEveryOfficialYear_GivesTheOfficialCalendar()
    {
        var official = OfficialHolidays.CreateCalendar();

        var calendar = CalendarYear.ToWorkCalendar(OfficialHolidays.Notices.Select(CalendarYear.FromNotice));

        Assert.Equal(official.Years.Order(), calendar.Years.Order());
        Assert.Equal(official.DaysOff.OrderBy(d => d.Key), calendar.DaysOff.OrderBy(d => d.Key));
        Assert.Equal(official.MakeUpWorkingDays.Order(), calendar.MakeUpWorkingDays.Order());
    }

    [Fact]
    public void FromNotice_NamesMakeUpDaysAfterTheirHolidayAndKeepsTheNotice()
    {
        var year = CalendarYear.FromNotice(OfficialHolidays.Year2026);

        Assert.Equal("国办发明电〔2025〕7号", year.Notice);
        Assert.Equal("春节", year.Entries.Single(e => e.Date == Day("2026-02-14")).Name);
        Assert.Equal(CalendarEntryKind.MakeUpWorkingDay, year.Entries.Single(e => e.Date == Day("2026-02-14")).Kind);
    }

    [Fact]
    public void ToWorkCalendar_LeavesOutAYearWithoutEntries()
    {
        var calendar = CalendarYear.ToWorkCalendar([CalendarYear.FromNotice(OfficialHolidays.Year2026), new CalendarYear(2027)]);
        Assert.Equal([2026], calendar.Years);
    }
}
