using System.Globalization;
using Portal.Domain.Calendar;

namespace Portal.Tests.Domain.Calendar;

/// <summary>A calendar of made-up years, so that a rule can be tested apart from the official schedules.</summary>
internal sealed class WorkCalendarBuilder
{
    private readonly List<int> _years = [];
    private readonly Dictionary<DateOnly, string?> _daysOff = [];
    private readonly List<DateOnly> _makeUpWorkingDays = [];
    private List<WorkingPeriod>? _workingPeriods;

    public WorkCalendarBuilder HoldingYear(int year)
    {
        _years.Add(year);
        return this;
    }

    public WorkCalendarBuilder WithDayOff(string day, string? name = null)
    {
        _daysOff.Add(Shanghai.Day(day), name);
        return this;
    }

    public WorkCalendarBuilder WithMakeUpWorkingDay(string day)
    {
        _makeUpWorkingDays.Add(Shanghai.Day(day));
        return this;
    }

    public WorkCalendarBuilder WithWorkingPeriods(params (string Start, string End)[] periods)
    {
        _workingPeriods = [.. periods.Select(period => new WorkingPeriod(TimeOnly.Parse(period.Start, CultureInfo.InvariantCulture), TimeOnly.Parse(period.End, CultureInfo.InvariantCulture)))];
        return this;
    }

    public WorkCalendar Build() => new(_years, _daysOff, _makeUpWorkingDays, _workingPeriods);
}
