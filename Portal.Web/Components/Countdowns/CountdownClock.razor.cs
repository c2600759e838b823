using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Domain.Calendar;
using Portal.Web.Resources;

namespace Portal.Web.Components.Countdowns;

/// <summary>
/// Wraps the part of a page that shows <see cref="Countdown"/>s: hands them the calendar and the wording, and renders
/// once, for wwwroot/js/countdown.js, the working periods (UTC milliseconds) from the day before today to
/// <see cref="HorizonDays"/> days ahead, so that the browser moves the countdowns without asking the server.
/// </summary>
public sealed partial class CountdownClock
{
    /// <summary>How many days ahead the browser can count; past them a countdown keeps its last value until the server renders it again.</summary>
    public const int HorizonDays = 30;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private string _intervals = "";
    private (WorkCalendar Calendar, DateOnly Today)? _sentFor;

    [Inject]
    private IStringLocalizer<SharedResource> Text { get; set; } = default!;

    [Parameter, EditorRequired]
    public WorkCalendar Calendar { get; set; } = default!;

    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>
    /// Content that writes its countdowns with <see cref="Countdown(DateTimeOffset, TimeSpan?, string, string?)"/> rather than a
    /// <see cref="Countdowns.Countdown"/> component each: a list of many rows keeps no component per countdown in its circuit.
    /// </summary>
    [Parameter]
    public RenderFragment<CountdownClock>? Rows { get; set; }

    /// <summary>A working day's length, the unit of "N 个工作日" in a countdown.</summary>
    public TimeSpan WorkingDay => Calendar.WorkingDay;

    public DateTimeOffset Now => Time.GetUtcNow();

    protected override void OnParametersSet()
    {
        var today = WorkCalendar.DayOf(Now);
        if (_sentFor != (Calendar, today))
        {
            _sentFor = (Calendar, today);
            _intervals = JsonSerializer.Serialize(Working(Calendar, today, Text, WorkingDay), JsonOptions);
        }
    }

    /// <summary>
    /// A countdown's markup (the same as <see cref="Countdowns.Countdown"/>'s): the working time left to <paramref name="dueAt"/>
    /// as counted now, or the time a paused deadline keeps; countdown.js moves it on in the browser.
    /// </summary>
    public RenderFragment Countdown(DateTimeOffset dueAt, TimeSpan? leftAtPause = null, string testId = "countdown", string? cssClass = null)
    {
        var at = Now;
        var left = leftAtPause ?? Calendar.WorkingTimeBetween(at, dueAt);
        var paused = leftAtPause is not null;
        return builder =>
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", cssClass);
            builder.AddAttribute(2, "data-testid", testId);
            builder.AddAttribute(3, "data-countdown", Invariant((long)left.TotalMilliseconds));
            builder.AddAttribute(4, "data-at", Invariant(at.ToUnixTimeMilliseconds()));
            builder.AddAttribute(5, "data-paused", paused ? "true" : "false");
            builder.AddAttribute(6, "data-left", LeftTemplate(paused));
            builder.AddAttribute(7, "data-late", LateTemplate);
            builder.AddContent(8, Describe(left, paused));
            builder.CloseElement();
        };
    }

    /// <summary>"剩余 3 小时 20 分", "已超期 1 个工作日 2 小时", "已暂停，剩余 …": as countdown.js words it too.</summary>
    public string Describe(TimeSpan left, bool paused)
    {
        var span = Span(left.Duration());
        return paused ? Text["Countdown.Paused", span]
            : left < TimeSpan.Zero ? Text["Countdown.Late", span]
            : Text["Countdown.Left", span];
    }

    public string LeftTemplate(bool paused) => Text[paused ? "Countdown.Paused" : "Countdown.Left"];

    public string LateTemplate => Text["Countdown.Late"];

    private string Span(TimeSpan span)
    {
        var day = WorkingDay;
        var days = (int)(span / day);
        var rest = span - days * day;
        var hours = (int)rest.TotalHours;
        return days > 0
            ? hours > 0 ? Text["Countdown.DaysHours", days, hours] : Text["Countdown.Days", days]
            : hours > 0 ? Text["Countdown.HoursMinutes", hours, rest.Minutes] : Text["Countdown.Minutes", rest.Minutes];
    }

    private static WorkingIntervals Working(WorkCalendar calendar, DateOnly today, IStringLocalizer text, TimeSpan workingDay)
    {
        var first = today.AddDays(-1);
        var last = today.AddDays(HorizonDays);
        var intervals = new List<long[]>();
        for (var day = first; day < last; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                intervals.AddRange(calendar.WorkingPeriods.Select(p => new[] { Milliseconds(day, p.Start), Milliseconds(day, p.End) }));
            }
        }
        return new WorkingIntervals(
            Milliseconds(first, TimeOnly.MinValue), Milliseconds(last, TimeOnly.MinValue), intervals, (long)workingDay.TotalMilliseconds,
            new SpanTemplates(text["Countdown.Days"], text["Countdown.DaysHours"], text["Countdown.HoursMinutes"], text["Countdown.Minutes"]));
    }

    private static long Milliseconds(DateOnly day, TimeOnly time) =>
        new DateTimeOffset(day.ToDateTime(time), WorkCalendar.Offset).ToUnixTimeMilliseconds();

    /// <summary>What countdown.js reads: the horizon, the working periods in it, a working day's length, and the wording of a span.</summary>
    private sealed record WorkingIntervals(long From, long Until, IReadOnlyList<long[]> Intervals, long Day, SpanTemplates Spans);

    private sealed record SpanTemplates(string Days, string DaysHours, string HoursMinutes, string Minutes);

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
