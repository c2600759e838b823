using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

public class DeadlinesFollowTheCalendarTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MarkingADayOff_MovesTheDeadlinesOfOpenRequests_AndLeavesFinishedOnesAlone(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var open = await RequestServiceTests.SubmitAsync(portal);
        var withdrawn = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");
        var enterprise2 = await portal.UserAsync("enterprise2@yqby.test");
        await portal.RequestsAsync(s => s.WithdrawAsync(enterprise2, withdrawn, 1, "已自行解决"));
        time.Advance(TimeSpan.FromHours(1));

        var result = await portal.CalendarAsync(c => c.MarkDayAsync(new DateOnly(2026, 3, 10), CalendarEntryKind.DayOff, "停电检修", "admin-1"));

        Assert.True(result.Succeeded);
        var requests = await portal.QueryAsync(db => db.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines)
            .AsSplitQuery().ToDictionaryAsync(r => r.Number));
        var resolve = requests[open].Deadlines.Single(d => d.Kind == DeadlineKind.Resolve);
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 17, 30, 0, WorkCalendar.Offset), resolve.DueAt);
        var note = requests[open].Timeline.MaxBy(e => e.Sequence)!;
        Assert.Equal((RequestAction.RecountDeadlines, false, SeededPortal.MondayMorning.AddHours(1)), (note.Action, note.VisibleToEnterprise, note.At));
        Assert.Equal(2, requests[open].Version);
        Assert.DoesNotContain(requests[withdrawn].Timeline, e => e.Action == RequestAction.RecountDeadlines);

        var calendar = await portal.CalendarAsync(c => c.GetCalendarAsync());
        var recomputed = RequestClock.Recompute(requests[open].Timeline, requests[open].Targets, calendar);
        Assert.All(requests[open].Deadlines, stored => Assert.Contains(recomputed, r => r.SameAs(stored)));
    }
}
