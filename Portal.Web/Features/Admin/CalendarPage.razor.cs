using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;
using Portal.Web.Features.Calendar;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// 工作日历 for admins: a year as twelve month grids, a day changed by clicking it, a year imported
/// from a file all or nothing. Every action ends with a message saying what happened.
/// </summary>
public sealed partial class CalendarPage
{
    [Inject]
    private WorkCalendarService Calendars { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CalendarResource> Text { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> Authentication { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "year")]
    public int? RequestedYear { get; set; }

    /// <summary>What the first (prerendered) run loaded, handed to the interactive run.</summary>
    [PersistentState]
    public CalendarPageData? Data { get; set; }

    public enum DayChoice
    {
        Normal,
        DayOff,
        MakeUpWorkingDay,
    }

    public sealed class EditModel
    {
        public DayChoice Choice { get; set; }
        public string? Name { get; set; }
    }

    private sealed record Result(Severity Severity, string Message, IReadOnlyList<string> Details);

    private Dictionary<DateOnly, CalendarDayEntry> _entries = [];
    private DateOnly? _selected;
    private DateOnly _today;
    private EditModel _edit = new();
    private Result? _result;
    private bool _busy;
    private string? _importing;

    private int ShownYear =>
        RequestedYear is { } year && CalendarYear.IsWithinRange(year) ? year : _today.Year;

    protected override async Task OnParametersSetAsync()
    {
        _today = DateOnly.FromDateTime(Time.GetUtcNow().ToOffset(WorkCalendar.Offset).DateTime);
        if (Data?.Year != ShownYear)
        {
            _selected = null;
            Data = await LoadAsync(ShownYear);
        }
        _entries = Data.Days.ToDictionary(d => d.Date);
    }

    private async Task<CalendarPageData> LoadAsync(int year)
    {
        var calendar = await Calendars.GetCalendarAsync();
        var entries = await Calendars.GetYearAsync(year);
        var separator = PortalCulture.IsChinese ? "、" : ", ";
        return new CalendarPageData(year, entries?.Notice, [.. entries?.Days ?? []], [.. calendar.Years.Order()],
            string.Join(separator, calendar.WorkingPeriods.Select(p => p.ToString())));
    }

    private async Task ReloadAsync()
    {
        Data = await LoadAsync(ShownYear);
        _entries = Data.Days.ToDictionary(d => d.Date);
    }

    /// <summary>The years the calendar holds, the year shown and the one after the latest, in order.</summary>
    private static IEnumerable<int> YearChoices(CalendarPageData data) =>
        data.Years.Append(data.Year)
            .Append(Math.Min((data.Years.Count > 0 ? data.Years.Max() : data.Year) + 1, CalendarYear.LastYear))
            .Distinct()
            .Order();

    private void GoToYear(int year)
    {
        if (CalendarYear.IsWithinRange(year))
        {
            Navigation.NavigateTo($"/admin/calendar?year={year.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void Select(DateOnly day)
    {
        _selected = day;
        var entry = _entries.GetValueOrDefault(day);
        _edit = new EditModel
        {
            Choice = entry?.Kind switch
            {
                CalendarEntryKind.DayOff => DayChoice.DayOff,
                CalendarEntryKind.MakeUpWorkingDay => DayChoice.MakeUpWorkingDay,
                null => DayChoice.Normal,
            },
            Name = entry?.Name,
        };
    }

    private async Task SaveDayAsync()
    {
        if (_selected is not { } day || _busy)
        {
            return;
        }
        _busy = true;
        try
        {
            var user = await UserIdAsync();
            var outcome = _edit.Choice switch
            {
                DayChoice.Normal => await Calendars.ClearDayAsync(day, user),
                DayChoice.DayOff => await Calendars.MarkDayAsync(day, CalendarEntryKind.DayOff, _edit.Name, user),
                DayChoice.MakeUpWorkingDay => await Calendars.MarkDayAsync(day, CalendarEntryKind.MakeUpWorkingDay, _edit.Name, user),
            };
            if (outcome.Succeeded)
            {
                await ReloadAsync();
                _result = new(Severity.Success, Text["Edit.Saved", Text.LongDate(day), Text.Status(day, _entries.GetValueOrDefault(day))], []);
                _selected = null;
            }
            else
            {
                _result = new(Severity.Error, Text["Edit.NotSaved", string.Join(" ", outcome.Errors.Select(Text.Describe))], []);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (CalendarFile.FormatOf(file.Name) is not { } format)
        {
            _result = Refused(file.Name, [Text.Describe(new CalendarError(null, CalendarProblem.UnsupportedFormat))]);
            return;
        }
        if (file.Size > CalendarFile.MaxBytes)
        {
            _result = Refused(file.Name, [Text.Describe(new CalendarError(null, CalendarProblem.FileTooLarge, (CalendarFile.MaxBytes / 1024).ToString(CultureInfo.InvariantCulture)))]);
            return;
        }

        _busy = true;
        _importing = file.Name;
        _result = null;
        try
        {
            string text;
            try
            {
                await using var stream = file.OpenReadStream(CalendarFile.MaxBytes);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                text = CalendarFile.Decode(buffer.ToArray());
            }
            catch (IOException failure)
            {
                _result = new(Severity.Error, Text["Import.Unreadable", file.Name, failure.Message], []);
                return;
            }

            var imported = await Calendars.ImportAsync(text, format, await UserIdAsync());
            if (!imported.Succeeded)
            {
                _result = Refused(file.Name, [.. imported.Errors.Select(Text.Describe)]);
                return;
            }
            _result = new(Severity.Success,
                Text[imported.ReplacedExisting ? "Import.SucceededReplaced" : "Import.Succeeded", imported.Year!.Value, imported.DaysOff, imported.MakeUpWorkingDays],
                []);
            if (imported.Year == ShownYear)
            {
                await ReloadAsync();
            }
            else
            {
                GoToYear(imported.Year!.Value);
            }
        }
        finally
        {
            _busy = false;
            _importing = null;
        }
    }

    private Result Refused(string fileName, IReadOnlyList<string> problems) =>
        new(Severity.Error, Text["Import.Refused", fileName], problems);

    private async Task<string> UserIdAsync() =>
        (await Authentication).User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}

/// <summary>The year on the page, its entries, the years the calendar holds and the working hours.</summary>
public sealed record CalendarPageData(int Year, string? Notice, List<CalendarDayEntry> Days, List<int> Years, string WorkingHours);
