using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Tests.Domain.Calendar;
using Portal.Tests.Support;
using Portal.Web.Components.Countdowns;
using Portal.Web.Shared;

namespace Portal.Tests.Web;

/// <summary>
/// What the server renders of a working-time countdown, for countdown.js to move on: the text at the render, the
/// signed working milliseconds left and the render instant, whether it is paused, the wording, and the page's working periods.
/// </summary>
public class CountdownTests : ComponentTest
{
    /// <summary>Monday 2 March 2026, 09:00:30; Wednesday the 4th is made a day off and Saturday the 7th a make-up working day.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 30, WorkCalendar.Offset);

    private static readonly WorkCalendar Calendar = new WorkCalendarBuilder()
        .HoldingYear(2026).WithDayOff("2026-03-04", "测试假日").WithMakeUpWorkingDay("2026-03-07").Build();

    public CountdownTests() => Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));

    private IRenderedComponent<CountdownClock> RenderClock(params (DateTimeOffset DueAt, TimeSpan? LeftAtPause)[] countdowns)
    {
        RenderFragment content = builder =>
        {
            foreach (var (dueAt, leftAtPause) in countdowns)
            {
                builder.OpenComponent<Countdown>(0);
                builder.AddAttribute(1, nameof(Countdown.DueAt), dueAt);
                builder.AddAttribute(2, nameof(Countdown.LeftAtPause), leftAtPause);
                builder.CloseComponent();
            }
        };
        Action<ComponentParameterCollectionBuilder<CountdownClock>> parameters = clock => clock
            .Add(c => c.Calendar, Calendar)
            .AddChildContent(content);
        return Render(parameters);
    }

    [Fact]
    public void ARunningCountdown_ShowsTheWorkingTimeLeft_AndCarriesItInMillisecondsWithTheRenderInstant()
    {
        var clock = RenderClock((new DateTimeOffset(2026, 3, 2, 10, 30, 0, WorkCalendar.Offset), null));

        var countdown = clock.Find("[data-countdown]");
        Assert.Equal("剩余 1 小时 29 分", countdown.TextContent);
        Assert.Equal(((long)new TimeSpan(1, 29, 30).TotalMilliseconds).ToString(), countdown.GetAttribute("data-countdown"));
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(), countdown.GetAttribute("data-at"));
        Assert.Equal("false", countdown.GetAttribute("data-paused"));
        Assert.Equal("剩余 {0}", countdown.GetAttribute("data-left"));
        Assert.Equal("已超期 {0}", countdown.GetAttribute("data-late"));
    }

    [Fact]
    public void ALateCountdown_CountsOnlyWorkingTimeSinceTheDeadline_AndCarriesItNegative()
    {
        // Friday 17:00 to Monday 09:00:30: half an hour on Friday, thirty and a half minutes on Monday.
        var clock = RenderClock((new DateTimeOffset(2026, 2, 27, 17, 0, 0, WorkCalendar.Offset), null));

        var countdown = clock.Find("[data-countdown]");
        Assert.Equal("已超期 1 小时 0 分", countdown.TextContent);
        Assert.Equal((-(long)new TimeSpan(1, 0, 30).TotalMilliseconds).ToString(), countdown.GetAttribute("data-countdown"));
        Assert.Equal("false", countdown.GetAttribute("data-paused"));
    }

    [Fact]
    public void APausedCountdown_ShowsWhatItKeeps_InWorkingDays_AndIsMarkedPaused()
    {
        var kept = TimeSpan.FromHours(7.5 * 2 + 3);
        var clock = RenderClock((Now.AddDays(-10), kept));

        var countdown = clock.Find("[data-countdown]");
        Assert.Equal("已暂停，剩余 2 个工作日 3 小时", countdown.TextContent);
        Assert.Equal("true", countdown.GetAttribute("data-paused"));
        Assert.Equal(((long)kept.TotalMilliseconds).ToString(), countdown.GetAttribute("data-countdown"));
        Assert.Equal("已暂停，剩余 {0}", countdown.GetAttribute("data-left"));
    }

    [Fact]
    public void InEnglish_TheTextAndTheTemplatesAreEnglish()
    {
        UseCulture(PortalCulture.English);
        var clock = RenderClock((new DateTimeOffset(2026, 3, 2, 9, 5, 0, WorkCalendar.Offset), null));

        var countdown = clock.Find("[data-countdown]");
        Assert.Equal("4 min left", countdown.TextContent);
        Assert.Equal("{0} overdue", countdown.GetAttribute("data-late"));
    }

    [Fact]
    public void ThePage_GetsTheWorkingPeriodsOnce_WithMakeUpDaysIn_AndDaysOffOut()
    {
        var due = new DateTimeOffset(2026, 3, 3, 10, 0, 0, WorkCalendar.Offset);
        var clock = RenderClock((due, null), (due.AddDays(1), null), (due.AddDays(2), null));

        Assert.Equal(3, clock.FindAll("[data-countdown]").Count);
        var holder = Assert.Single(clock.FindAll("[data-working-intervals]"));
        using var json = JsonDocument.Parse(holder.GetAttribute("data-working-intervals")!);
        var root = json.RootElement;
        var intervals = root.GetProperty("intervals").EnumerateArray()
            .Select(i => (Start: At(i[0].GetInt64()), End: At(i[1].GetInt64()))).ToList();

        Assert.Equal(At(new DateTimeOffset(2026, 3, 1, 0, 0, 0, WorkCalendar.Offset).ToUnixTimeMilliseconds()), At(root.GetProperty("from").GetInt64()));
        Assert.Equal(At(new DateTimeOffset(2026, 4, 1, 0, 0, 0, WorkCalendar.Offset).ToUnixTimeMilliseconds()), At(root.GetProperty("until").GetInt64()));
        Assert.Equal(7.5 * 3_600_000, root.GetProperty("day").GetInt64());
        Assert.Contains((Local(2026, 3, 2, 8, 30), Local(2026, 3, 2, 12, 0)), intervals);
        Assert.Contains((Local(2026, 3, 2, 13, 30), Local(2026, 3, 2, 17, 30)), intervals);
        Assert.Contains((Local(2026, 3, 7, 8, 30), Local(2026, 3, 7, 12, 0)), intervals);
        Assert.DoesNotContain(intervals, i => i.Start.Day == 4 && i.Start.Month == 3);
        Assert.DoesNotContain(intervals, i => i.Start.Day == 1 && i.Start.Month == 3);
        Assert.DoesNotContain(intervals, i => i.Start.Day == 8 && i.Start.Month == 3);
        Assert.Equal("{0} 小时 {1} 分", root.GetProperty("spans").GetProperty("hoursMinutes").GetString());
    }

    private static DateTimeOffset At(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToOffset(WorkCalendar.Offset);

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, WorkCalendar.Offset);
}
