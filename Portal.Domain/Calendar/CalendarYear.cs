using System.Globalization;

namespace Portal.Domain.Calendar;

/// <summary>What a dated calendar entry makes of its day.</summary>
public enum CalendarEntryKind
{
    /// <summary>放假: a day off, on a date that would otherwise be worked or inside a holiday block.</summary>
    DayOff,

    /// <summary>调休上班: a weekend day that is worked.</summary>
    MakeUpWorkingDay,
}

/// <summary>日历条目: one dated day off or make-up working day, with the holiday it belongs to where known.</summary>
public sealed class CalendarEntry
{
    public const int NameMaxLength = 32;

    public DateOnly Date { get; private set; }
    public CalendarEntryKind Kind { get; private set; }

    /// <summary>The holiday's name (春节, 国庆节 …); for a make-up working day, the holiday it makes up for. Null when not given.</summary>
    public string? Name { get; private set; }

    internal CalendarEntry(DateOnly date, CalendarEntryKind kind, string? name)
    {
        Date = date;
        Change(kind, name);
    }

    internal void Change(CalendarEntryKind kind, string? name)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(CalendarRefusals.EntryKindInvalid, "日历条目类型无效，应为放假或调休上班");
        }
        if (kind == CalendarEntryKind.MakeUpWorkingDay && !CalendarYear.IsWeekend(Date))
        {
            throw new DomainException(CalendarRefusals.MakeUpDayNotOnWeekend, $"调休上班日 {CalendarYear.Format(Date)} 应为周六或周日", Date);
        }
        var trimmed = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (trimmed?.Length > NameMaxLength)
        {
            throw new DomainException(CalendarRefusals.NameTooLong, $"节日名称不能超过 {NameMaxLength} 个字符", NameMaxLength);
        }
        Kind = kind;
        Name = trimmed;
    }
}

/// <summary>
/// 日历年度: the days off and make-up working days entered for one year, and the State Council
/// notice (文号) they come from. A year the calendar holds has at least one entry; counts that run
/// through a year without one are provisional.
/// </summary>
public sealed class CalendarYear
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;
    public const int NoticeMaxLength = 64;

    private readonly List<CalendarEntry> _entries = [];

    public int Year { get; private set; }

    /// <summary>The notice's document number, such as 国办发明电〔2025〕7号; null when not given.</summary>
    public string? Notice { get; private set; }

    public IReadOnlyCollection<CalendarEntry> Entries => _entries.AsReadOnly();

    public CalendarYear(int year, string? notice = null)
    {
        if (!IsWithinRange(year))
        {
            throw new DomainException(CalendarRefusals.YearOutOfRange, $"年份应在 {FirstYear} 至 {LastYear} 之间", FirstYear, LastYear);
        }
        Year = year;
        ChangeNotice(notice);
    }

    /// <summary>The year as a State Council notice schedules it: every day of each holiday off, each make-up day worked, both named after the holiday.</summary>
    public static CalendarYear FromNotice(HolidayNotice notice)
    {
        var year = new CalendarYear(notice.Year, notice.DocumentNumber);
        foreach (var holiday in notice.Holidays)
        {
            foreach (var day in holiday.DaysOff)
            {
                year.Mark(day, CalendarEntryKind.DayOff, holiday.Name);
            }
            foreach (var day in holiday.MakeUpWorkingDays)
            {
                year.Mark(day, CalendarEntryKind.MakeUpWorkingDay, holiday.Name);
            }
        }
        return year;
    }

    public static bool IsWithinRange(int year) => year is >= FirstYear and <= LastYear;

    public void ChangeNotice(string? notice)
    {
        var trimmed = string.IsNullOrWhiteSpace(notice) ? null : notice.Trim();
        if (trimmed?.Length > NoticeMaxLength)
        {
            throw new DomainException(CalendarRefusals.NoticeTooLong, $"通知文号不能超过 {NoticeMaxLength} 个字符", NoticeMaxLength);
        }
        Notice = trimmed;
    }

    /// <summary>Makes the day a day off or a make-up working day, replacing what was entered for it.</summary>
    public void Mark(DateOnly day, CalendarEntryKind kind, string? name)
    {
        if (day.Year != Year)
        {
            throw new DomainException(CalendarRefusals.DayNotInYear, $"{Format(day)} 不在 {Year} 年内", day, Year);
        }
        if (_entries.Find(entry => entry.Date == day) is { } entry)
        {
            entry.Change(kind, name);
        }
        else
        {
            _entries.Add(new CalendarEntry(day, kind, name));
        }
    }

    /// <summary>Removes the day's entry, so that it is worked on a weekday and off at a weekend. False when it had none.</summary>
    public bool Clear(DateOnly day) => _entries.RemoveAll(entry => entry.Date == day) > 0;

    /// <summary>Replaces every entry of the year and its notice at once; nothing changes when any entry is refused.</summary>
    public void ReplaceEntries(string? notice, IEnumerable<(DateOnly Day, CalendarEntryKind Kind, string? Name)> entries)
    {
        var wanted = entries.Select(entry =>
        {
            if (entry.Day.Year != Year)
            {
                throw new DomainException(CalendarRefusals.DayNotInYear, $"{Format(entry.Day)} 不在 {Year} 年内", entry.Day, Year);
            }
            return new CalendarEntry(entry.Day, entry.Kind, entry.Name);
        }).ToList();
        var duplicate = wanted.GroupBy(entry => entry.Date).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException(CalendarRefusals.DayRepeated, $"{Format(duplicate.Key)} 重复出现", duplicate.Key);
        }
        ChangeNotice(notice);
        var days = wanted.Select(entry => entry.Date).ToHashSet();
        _entries.RemoveAll(entry => !days.Contains(entry.Date));
        foreach (var entry in wanted)
        {
            Mark(entry.Date, entry.Kind, entry.Name);
        }
    }

    /// <summary>The work calendar of the given years, with the given working hours or the default ones.</summary>
    public static WorkCalendar ToWorkCalendar(IEnumerable<CalendarYear> years, IEnumerable<WorkingPeriod>? workingPeriods = null)
    {
        var held = years.Where(year => year._entries.Count > 0).ToList();
        var entries = held.SelectMany(year => year._entries).ToList();
        return new WorkCalendar(
            held.Select(year => year.Year),
            entries.Where(entry => entry.Kind == CalendarEntryKind.DayOff).ToDictionary(entry => entry.Date, entry => entry.Name),
            entries.Where(entry => entry.Kind == CalendarEntryKind.MakeUpWorkingDay).Select(entry => entry.Date),
            workingPeriods);
    }

    internal static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    internal static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
