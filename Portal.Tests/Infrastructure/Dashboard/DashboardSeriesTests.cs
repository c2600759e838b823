using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Infrastructure.Dashboard;

/// <summary>
/// The charts' series over the hand-built set of <see cref="DistrictFiguresTests"/> (A to L, all submitted 2 March 09:00 but
/// F in February and L on 25 March), each value worked out below from the set, on both databases; and that they add up to
/// the figures of the same period.
/// </summary>
public class DashboardSeriesTests
{
    private static readonly ReportingPeriod March = ReportingPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 3, 1));

    private static readonly PortalUser Supervisor = new("supervisor", Roles.Supervisor);

    private static async Task<T> SeriesAsync<T>(SeededPortal portal, Func<DashboardSeries, Task<T>> query)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DashboardSeries>());
    }

    private static async Task<FiguresView> FiguresAsync(SeededPortal portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DistrictFigures>().ForPeriodAsync(Supervisor, March, FigureFilter.None);
    }

    /// <summary>Changes a request of the set as an update of its row would.</summary>
    private static Task<int> ChangeAsync(SeededPortal portal, ServiceRequest request, Action<EntityEntry<ServiceRequest>> change) =>
        portal.QueryAsync(async db =>
        {
            var entry = db.Entry(await db.ServiceRequests.SingleAsync(r => r.Id == request.Id));
            change(entry);
            return await db.SaveChangesAsync();
        });

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ReceivedAndResolved_InMarch_CountEachDayOfTheDistrict(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;

        var days = await SeriesAsync(portal, s => s.ReceivedAndResolvedAsync(Supervisor, March, FigureFilter.None));

        Assert.Equal(31, days.Count);
        Assert.All(days, d => Assert.Equal(d.Bucket.First, d.Bucket.Last));
        Assert.Equal(new DateOnly(2026, 3, 1), days[0].Bucket.First);
        // Received: ten on 2 March (all but F and L), L on the 25th.
        Assert.Equal(new ReceivedAndResolved(new(new(2026, 3, 2), new(2026, 3, 2)), 10, 10), days[1]);
        // Resolved: G, H and I three times each and J on 2 March, A on the 4th, E on the 18th.
        Assert.Equal(1, days[3].Resolved);
        Assert.Equal(1, days[17].Resolved);
        Assert.Equal(1, days[24].Received);
        Assert.Equal(11, days.Sum(d => d.Received));
        Assert.Equal(12, days.Sum(d => d.Resolved));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ResolutionTimes_AverageTheMetResolveDeadlines_OnTheDayTheyWereDue(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;

        var days = await SeriesAsync(portal, s => s.ResolutionTimesAsync(Supervisor, March, FigureFilter.None));
        var figures = await FiguresAsync(portal);

        // Due 16 March (10 working days from 2 March): A in 16 h (7 + 7.5 + 1.5), G H I's three rounds in 15, 5 and 5
        // minutes each, J in 15 minutes — 17.5 h over 11.
        var sixteenth = days[15];
        Assert.Equal(11, sixteenth.Met);
        Assert.Equal(17.5 / 11, sixteenth.AverageHours!.Value, 6);
        // Due 19 March (extended by 3 working days): E, from 2 March 09:00 to 18 March 10:00: 7 + 11 × 7.5 + 1.5.
        Assert.Equal(new ResolutionTime(new(new(2026, 3, 19), new(2026, 3, 19)), 1, 91), days[18]);
        Assert.All(days.Where(d => d.Bucket.First.Day is not (16 or 19)), d => Assert.Equal((0, (double?)null), (d.Met, d.AverageHours)));
        Assert.Equal(figures.Current.AverageHoursToResolve!.Value, days.Sum(d => d.Met * (d.AverageHours ?? 0)) / days.Sum(d => d.Met), 6);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ByCategoryAndIndustry_CountTheRequestsReceived_WithTheirShares(DatabaseProvider provider)
    {
        var (portal, requests) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        var (otherCategory, otherEnterprise) = await portal.QueryAsync(async db =>
        {
            var industry = await db.Enterprises.Where(e => e.Id == EnterpriseId).Select(e => e.IndustryId).SingleAsync();
            return (await db.RequestCategories.Where(c => c.Id != 1).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
                await db.Enterprises.Where(e => e.IndustryId != industry).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        });
        // D and L of another category; D of an enterprise in another industry.
        await ChangeAsync(portal, requests[3], e => { e.Property(r => r.CategoryId).CurrentValue = otherCategory; e.Property(r => r.EnterpriseId).CurrentValue = otherEnterprise; });
        await ChangeAsync(portal, requests[11], e => e.Property(r => r.CategoryId).CurrentValue = otherCategory);
        var names = await portal.QueryAsync(async db => (
            Category: await db.RequestCategories.Where(c => c.Id == 1).Select(c => c.Name).SingleAsync(),
            Other: await db.RequestCategories.Where(c => c.Id == otherCategory).Select(c => c.Name).SingleAsync(),
            Industry: await db.Enterprises.Where(e => e.Id == EnterpriseId).Join(db.Industries, e => e.IndustryId, i => i.Id, (e, i) => i.Name).SingleAsync(),
            OtherIndustry: await db.Enterprises.Where(e => e.Id == otherEnterprise).Join(db.Industries, e => e.IndustryId, i => i.Id, (e, i) => i.Name).SingleAsync()));

        var categories = await SeriesAsync(portal, s => s.ByCategoryAsync(Supervisor, March, FigureFilter.None));
        var industries = await SeriesAsync(portal, s => s.ByIndustryAsync(Supervisor, March, FigureFilter.None));

        Assert.Equal([(names.Category, new Rate(9, 11)), (names.Other, new Rate(2, 11))], categories.Select(c => (c.Name, c.Share)));
        Assert.Equal([(names.Industry, new Rate(10, 11)), (names.OtherIndustry, new Rate(1, 11))], industries.Select(c => (c.Name, c.Share)));
        // Narrowed to the other category: D and L, each its industry's.
        var narrowed = await SeriesAsync(portal, s => s.ByIndustryAsync(Supervisor, March, new FigureFilter(CategoryId: otherCategory)));
        Assert.Equal([new Rate(1, 2), new Rate(1, 2)], narrowed.Select(i => i.Share));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Satisfaction_CountsTheRatingsAsTheSatisfactionRateDoes_WithAwaitingReviewAndNotRatedApart(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;

        var counts = await SeriesAsync(portal, s => s.SatisfactionAsync(Supervisor, March, FigureFilter.None));
        var figures = await FiguresAsync(portal);

        // Satisfied: A. Basically satisfied: H's upheld third. Unsatisfied: E, and the first two of G, H and I each.
        // G's overturned third is left out; I's third awaits review; J was auto-closed.
        Assert.Equal(new SatisfactionCounts(1, 1, 7, 1, 1), counts);
        Assert.Equal(figures.Current.Satisfied, new Rate(counts.Satisfied + counts.BasicallySatisfied, counts.Rated));
        Assert.Equal(figures.Current.NotRated, counts.NotRated);
        Assert.Equal(figures.Current.AwaitingReview, counts.AwaitingReview);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACadre_CountsOnlyTheRequestsOfTheirEnterprises(DatabaseProvider provider)
    {
        var (portal, requests) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        // D (received 2 March, withdrawn the next day) is guaranteed by another cadre.
        await ChangeAsync(portal, requests[3], e => e.Property(r => r.CadreUserId).CurrentValue = "another-cadre");

        var theirs = await SeriesAsync(portal, s => s.ReceivedAndResolvedAsync(new PortalUser(Cadre.UserId, Roles.Cadre), March, FigureFilter.None));
        var another = new PortalUser("another-cadre", Roles.Cadre);
        var others = await SeriesAsync(portal, s => s.ReceivedAndResolvedAsync(another, March, FigureFilter.None));
        var othersRatings = await SeriesAsync(portal, s => s.SatisfactionAsync(another, March, FigureFilter.None));
        var handler = await SeriesAsync(portal, s => s.ByCategoryAsync(new PortalUser(LeadHandler.UserId, Roles.DepartmentHandler, DepartmentId: LeadDepartment), March, FigureFilter.None));

        Assert.Equal((9, 12), (theirs[1].Received, theirs.Sum(d => d.Resolved)));
        Assert.Equal(10, theirs.Sum(d => d.Received));
        Assert.Equal((1, 0), (others[1].Received, others.Sum(d => d.Resolved)));
        Assert.Equal(1, others.Sum(d => d.Received));
        Assert.Equal(new SatisfactionCounts(0, 0, 0, 0, 0), othersRatings);
        Assert.Empty(handler);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ADepartment_IsChargedAsTheFiguresCharge(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        var other = new FigureFilter(DepartmentId: OtherDepartment);
        var lead = new FigureFilter(DepartmentId: LeadDepartment);

        var otherDays = await SeriesAsync(portal, s => s.ReceivedAndResolvedAsync(Supervisor, March, other));
        var otherTimes = await SeriesAsync(portal, s => s.ResolutionTimesAsync(Supervisor, March, other));
        var leadTimes = await SeriesAsync(portal, s => s.ResolutionTimesAsync(Supervisor, March, lead));

        // The other department leads K alone (received 2 March, never resolved); its resolve deadline ran past due.
        Assert.Equal((1, 1, 0), (otherDays[1].Received, otherDays.Sum(d => d.Received), otherDays.Sum(d => d.Resolved)));
        Assert.Equal(0, otherTimes.Sum(t => t.Met));
        // Every met resolve deadline was the lead's.
        Assert.Equal((11, 1), (leadTimes[15].Met, leadTimes[18].Met));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task APeriodOverAQuarter_IsCountedByCalendarMonth_CutToThePeriod(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        var year = ReportingPeriod.Containing(PeriodKind.Year, new DateOnly(2026, 3, 1));
        var custom = ReportingPeriod.Custom(new DateOnly(2026, 2, 10), new DateOnly(2026, 5, 31));

        var months = await SeriesAsync(portal, s => s.ReceivedAndResolvedAsync(Supervisor, year, FigureFilter.None));
        var times = await SeriesAsync(portal, s => s.ResolutionTimesAsync(Supervisor, year, FigureFilter.None));
        var cut = await SeriesAsync(portal, s => s.ReceivedAndResolvedAsync(Supervisor, custom, FigureFilter.None));

        Assert.Equal(SeriesStep.Month, DashboardSeries.StepOf(year));
        Assert.Equal(SeriesStep.Day, DashboardSeries.StepOf(ReportingPeriod.Containing(PeriodKind.Quarter, new DateOnly(2026, 3, 1))));
        Assert.Equal(12, months.Count);
        Assert.Equal(new SeriesBucket(new(2026, 2, 1), new(2026, 2, 28)), months[1].Bucket);
        // February: F received and resolved; March: 11 received, 12 resolutions.
        Assert.Equal([(0, 0), (1, 1), (11, 12)], months.Take(3).Select(m => (m.Received, m.Resolved)));
        Assert.All(months.Skip(3), m => Assert.Equal((0, 0), (m.Received, m.Resolved)));
        // F's resolve deadline (due 14 February) met in 46 working hours; March's twelve in 108.5.
        Assert.Equal(46, times[1].AverageHours!.Value, 6);
        Assert.Equal(12, times[2].Met);
        Assert.Equal(108.5 / 12, times[2].AverageHours!.Value, 6);
        Assert.Null(times[3].AverageHours);                            // E's new round, due in April, still running

        Assert.Equal(
            [new SeriesBucket(new(2026, 2, 10), new(2026, 2, 28)), new(new(2026, 3, 1), new(2026, 3, 31)), new(new(2026, 4, 1), new(2026, 4, 30)), new(new(2026, 5, 1), new(2026, 5, 31))],
            cut.Select(c => c.Bucket));
        Assert.Equal([(0, 1), (11, 12), (0, 0), (0, 0)], cut.Select(m => (m.Received, m.Resolved)));   // F was submitted 2 February
    }
}
