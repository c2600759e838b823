using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Tests.Domain.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Infrastructure.Dashboard;

/// <summary>
/// The figures' rollup (decision 019) gives what the live computation gives: right after it is built, with changes made
/// since (marked days counted live), after the next run rolled them up, and after a calendar change; over the hand-built
/// set of <see cref="DistrictFiguresTests"/>, for every kind of period and department, on both databases.
/// </summary>
public class FigureRollupTests
{
    private static readonly PortalUser Supervisor = new("supervisor", Roles.Supervisor);

    private static DateOnly Day(int month, int day) => new(2026, month, day);

    /// <summary>Periods of every kind around the set, for the district and for each of its two departments.</summary>
    private static readonly (ReportingPeriod Period, FigureFilter Filter)[] Cases =
    [
        (ReportingPeriod.Containing(PeriodKind.Month, Day(3, 1)), FigureFilter.None),
        (ReportingPeriod.Containing(PeriodKind.Month, Day(3, 1)), new FigureFilter(DepartmentId: LeadDepartment)),
        (ReportingPeriod.Containing(PeriodKind.Month, Day(3, 1)), new FigureFilter(DepartmentId: OtherDepartment)),
        (ReportingPeriod.Containing(PeriodKind.Month, Day(2, 1)), FigureFilter.None),
        (ReportingPeriod.Containing(PeriodKind.Week, Day(3, 2)), FigureFilter.None),
        (ReportingPeriod.Containing(PeriodKind.Week, Day(3, 16)), new FigureFilter(DepartmentId: LeadDepartment)),
        (ReportingPeriod.Containing(PeriodKind.Quarter, Day(3, 1)), FigureFilter.None),
        (ReportingPeriod.Containing(PeriodKind.Year, Day(3, 1)), FigureFilter.None),
        (ReportingPeriod.Custom(Day(2, 20), Day(3, 19)), new FigureFilter(DepartmentId: LeadDepartment)),
    ];

    /// <summary>Every case's figures, and the March ranking's figures of each department.</summary>
    private static async Task<List<object>> FiguresAsync(SeededPortal portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var figures = scope.ServiceProvider.GetRequiredService<DistrictFigures>();
        List<object> all = [];
        foreach (var (period, filter) in Cases)
        {
            all.Add(await figures.ForPeriodAsync(Supervisor, period, filter));
        }
        all.AddRange(await figures.ByDepartmentAsync(Supervisor, Cases[0].Period, FigureFilter.None));
        return all;
    }

    private static async Task<int> RollUpAsync(SeededPortal portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FigureRollupJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Drops the rollup's state, so that the figures are counted live until it is built again.</summary>
    private static Task<int> ForgetRollupAsync(SeededPortal portal) => portal.QueryAsync(db => db.FigureRollups.ExecuteDeleteAsync());

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheRollup_GivesWhatTheLiveCountGives_AndIsWhatTheFiguresRead(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        var live = await FiguresAsync(portal);

        var days = await RollUpAsync(portal);

        Assert.True(days >= 31, $"the rollup was built over {days} days");
        Assert.Empty(await portal.QueryAsync(db => db.FigureDirtyDays.ToListAsync()));
        Assert.Equal(live, await FiguresAsync(portal));
        Assert.Equal(0, await RollUpAsync(portal));                    // nothing marked since

        // The figures read the rolled-up rows: a row put in by hand shows, and goes when taken out.
        await portal.QueryAsync(async db =>
        {
            db.FigureReceivedDays.Add(new FigureReceivedDay(Day(3, 9), LeadDepartment, 1000));
            return await db.SaveChangesAsync();
        });
        var march = (FiguresView)(await FiguresAsync(portal))[0];
        Assert.Equal(((FiguresView)live[0]).Current.Received + 1000, march.Current.Received);
        await portal.QueryAsync(db => db.FigureReceivedDays.Where(r => r.Count == 1000).ExecuteDeleteAsync());
        Assert.Equal(live, await FiguresAsync(portal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangesAfterTheRollup_AreCountedAtOnce_AndRolledUpByTheNextRun(DatabaseProvider provider)
    {
        var (portal, requests) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        await RollUpAsync(portal);
        var now = DistrictFiguresTests.Now;

        // L is signed; E (resolved on 18 March, reopened) moves to the other department, which its resolution and
        // evaluation are charged with from now on; I's dispute is upheld.
        var (e, i, l) = (requests[4].Id, requests[8].Id, requests[11].Id);
        await ActAsync(portal, l, r => r.Sign(LeadHandler, Days, now));
        await ActAsync(portal, e, r => r.Transfer(Commissioner, OtherDepartment, "应由住建局牵头", Days, now));
        await ActAsync(portal, i, r => r.ReviewDispute(RequestBuilder.Supervisor, true, "评价属实", Days, now));

        var marked = await portal.QueryAsync(db => db.FigureDirtyDays.Select(m => m.Day).Distinct().ToListAsync());
        var resolvedE = WorkCalendar.DayOf(requests[4].Timeline.Last(t => t.Action == RequestAction.Resolve).At);
        var disputedI = WorkCalendar.DayOf(requests[8].Timeline.Last(t => t.Action == RequestAction.Evaluate).At);
        Assert.Contains(resolvedE, marked);                            // E's lead changed: its events' days
        Assert.Contains(Day(3, 2), marked);                            // and the day it was submitted
        Assert.Contains(disputedI, marked);                            // I's disputed evaluation
        Assert.Contains(Day(3, 25), marked);                           // L's signature, and its sign deadline's day
        Assert.Contains(Day(3, 26), marked);

        var withMarks = await FiguresAsync(portal);
        Assert.True(await RollUpAsync(portal) >= 5);
        Assert.Empty(await portal.QueryAsync(db => db.FigureDirtyDays.ToListAsync()));
        var rolledUp = await FiguresAsync(portal);
        await ForgetRollupAsync(portal);
        var live = await FiguresAsync(portal);

        Assert.Equal(live, withMarks);
        Assert.Equal(live, rolledUp);
        // And the changes show: the other department leads E now, and I's rating counts.
        Assert.Equal(2, ((FiguresView)live[2]).Current.Received);    // K and now E, submitted in March, are the other department's
        Assert.Equal(0, ((FiguresView)live[0]).Current.AwaitingReview);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACalendarChange_SendsTheFiguresLive_UntilTheRollupIsBuiltAgainWithIt(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        var allDays = await RollUpAsync(portal);
        var rolledUp = await FiguresAsync(portal);

        // 3 March a day off: A's resolution (2 to 4 March) took a working day less.
        var change = await portal.CalendarAsync(c => c.MarkDayAsync(Day(3, 3), CalendarEntryKind.DayOff, "停电检修", "admin-1"));
        Assert.True(change.Succeeded);
        var live = await FiguresAsync(portal);
        Assert.NotEqual(((FiguresView)rolledUp[0]).Current.AverageHoursToResolve, ((FiguresView)live[0]).Current.AverageHoursToResolve);

        Assert.Equal(allDays, await RollUpAsync(portal));              // every day again
        Assert.Equal(live, await FiguresAsync(portal));
        var revision = await portal.QueryAsync(db => db.CalendarRevisions.Select(r => (long?)r.Number).SingleAsync());
        Assert.Equal(revision, await portal.QueryAsync(db => db.FigureRollups.Select(s => s.CalendarRevision).SingleAsync()));
    }

    private static Task<int> ActAsync(SeededPortal portal, long id, Action<ServiceRequest> act) => portal.QueryAsync(async db =>
    {
        var request = await db.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines).Include(r => r.CoHandlers).SingleAsync(r => r.Id == id);
        act(request);
        return await db.SaveChangesAsync();
    });
}
