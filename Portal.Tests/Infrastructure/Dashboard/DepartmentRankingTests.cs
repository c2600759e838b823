using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Domain.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Infrastructure.Dashboard;

/// <summary>
/// 红黑榜 of March 2026 over a set built by hand, department by department, each department's score worked out below from
/// its counts, on both databases.
/// </summary>
public class DepartmentRankingTests
{
    /// <summary>Monday 20 April 2026, noon: every March deadline of the set is decided.</summary>
    public static readonly DateTimeOffset Now = At(4, 20, 12);

    public static readonly DateOnly March = new(2026, 3, 1);

    private static readonly PortalUser Supervisor = new("supervisor", Roles.Supervisor);

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, WorkCalendar.Offset);

    /// <summary>
    /// What each department (the demo's, by id) is charged with in March: requests (each with one resolve deadline in
    /// March, and one sign deadline), how many of them it signed late and resolved late, how many the enterprise rated and
    /// of those how many (basically) satisfied. Its rates and score with the default weights 0.3 / 0.4 / 0.3:
    /// <list type="bullet">
    /// <item>1: 10/10, 10/10, 10/10 → 100.00</item>
    /// <item>2: 8/10, 9/10, 3/5 → 0.24 + 0.36 + 0.18 = 78.00, tied with 8 and above it by its 按时办结率</item>
    /// <item>3: 12/12, 9/12, 4/4 → 0.30 + 0.30 + 0.30 = 90.00</item>
    /// <item>4: 10/10, 10/10, 5/10 → 0.30 + 0.40 + 0.15 = 85.00</item>
    /// <item>5: 9/10, 8/10, no ratings → (0.27 + 0.32) ÷ 0.7 = 84.29, its 满意率 left out and the others re-weighted</item>
    /// <item>6: 9 requests, all in time and satisfied: too few, not ranked</item>
    /// <item>7: 5/10, 5/10, 1/2 → 50.00</item>
    /// <item>8: 10/10, 6/10, 4/5 → 0.30 + 0.24 + 0.24 = 78.00</item>
    /// </list>
    /// </summary>
    public static readonly (int Department, int Requests, int LateSigns, int LateResolves, int Rated, int Satisfied)[] Charged =
    [
        (1, 10, 0, 0, 10, 10),
        (2, 10, 2, 1, 5, 3),
        (3, 12, 0, 3, 4, 4),
        (4, 10, 0, 0, 10, 5),
        (5, 10, 1, 2, 0, 0),
        (6, 9, 0, 0, 9, 9),
        (7, 10, 5, 5, 2, 1),
        (8, 10, 0, 4, 5, 4),
    ];

    /// <summary>
    /// The requests, all submitted Monday 2 March 09:00 and dispatched at once (sign due 3 March 17:30, resolve 16 March
    /// 17:30): signed at once or on 4 March (late); resolved 16 March 10:00 or 17 March 10:00 (late); rated on 20 March,
    /// an unsatisfied rating reopening the request into a round due in April.
    /// </summary>
    public static List<ServiceRequest> Requests()
    {
        var number = 0;
        var requests = new List<ServiceRequest>();
        foreach (var (department, count, lateSigns, lateResolves, rated, satisfied) in Charged)
        {
            var handler = new Actor($"handler-{department}", Roles.DepartmentHandler, DepartmentId: department);
            for (var i = 0; i < count; i++)
            {
                var request = Submitted(At(3, 2, 9), number: $"YQBY-20260302-{++number:D4}")
                    .Do((r, now) => r.Dispatch(RequestBuilder.Commissioner, department, Days, now));
                (i < lateSigns ? request.Next(At(3, 4, 10)) : request).Do((r, now) => r.Sign(handler, Days, now));
                request.Next(i < lateResolves ? At(3, 17, 10) : At(3, 16, 10)).Do((r, now) => r.Resolve(handler, "已办结", Days, now));
                if (i < rated)
                {
                    var pleased = i < satisfied;
                    request.Next(At(3, 20, 10)).Evaluated(pleased, pleased ? Satisfaction.BasicallySatisfied : Satisfaction.Unsatisfied);
                }
                requests.Add(request.Request);
            }
        }
        return requests;
    }

    public static async Task<SeededPortal> BuiltAsync(DatabaseProvider provider)
    {
        var portal = await SeededPortal.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)), demoData: true);
        await portal.QueryAsync(async db =>
        {
            db.ServiceRequests.AddRange(Requests());
            return await db.SaveChangesAsync();
        });
        return portal;
    }

    private static async Task<RankingView> RankingAsync(SeededPortal portal, PortalUser user, RankingWeights? weights = null, DateOnly? day = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var ranking = weights is null
            ? scope.ServiceProvider.GetRequiredService<DepartmentRanking>()
            : ActivatorUtilities.CreateInstance<DepartmentRanking>(scope.ServiceProvider, Options.Create(weights));
        return await ranking.ForMonthOfAsync(user, day ?? March, FigureFilter.None);
    }

    private static (int Department, int? Rank, double? Score, RankingList List)[] Lines(RankingView view) =>
        [.. view.Standings.Select(s => (s.DepartmentId, s.Rank, s.Score, s.List))];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheRanking_OfMarch_IsWhatTheFormulaGives_TheFirstThreeRedAndTheLastThreeBlack(DatabaseProvider provider)
    {
        await using var portal = await BuiltAsync(provider);

        var view = await RankingAsync(portal, Supervisor);

        Assert.Equal(ReportingPeriod.Containing(PeriodKind.Month, March), view.Month);
        Assert.Equal(
            [
                (1, 1, 100.00, RankingList.Red),
                (3, 2, 90.00, RankingList.Red),
                (4, 3, 85.00, RankingList.Red),
                (5, 4, 84.29, RankingList.None),
                (2, 5, 78.00, RankingList.Black),
                (8, 6, 78.00, RankingList.Black),
                (7, 7, 50.00, RankingList.Black),
                (6, null, 100.00, RankingList.None),
            ],
            Lines(view));
        var second = view.Standings.Single(s => s.DepartmentId == 2);
        Assert.Equal((new Rate(8, 10), new Rate(9, 10), new Rate(3, 5)), (second.SignedInTime, second.ResolvedInTime, second.Satisfied));
        Assert.Null(view.Standings.Single(s => s.DepartmentId == 5).Satisfied.Value);
        var unranked = view.Standings.Single(s => s.DepartmentId == 6);
        Assert.True(unranked.HasTooFewRequests);
        Assert.Equal(9, unranked.ResolvedInTime.Denominator);
        Assert.Equal(
            await portal.QueryAsync(db => db.Departments.Where(d => d.Id == 3).Select(d => d.Name).SingleAsync()),
            view.Standings[1].Department);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OtherWeights_ChangeTheOrder(DatabaseProvider provider)
    {
        await using var portal = await BuiltAsync(provider);

        // Satisfaction weighs 0.6: 1 → 100, 3 → 0.2 + 0.15 + 0.6 = 95, 5 → (0.18 + 0.16) ÷ 0.4 = 85, 8 → 0.2 + 0.12 + 0.48 = 80,
        // 4 → 0.2 + 0.2 + 0.3 = 70 and 2 → 0.16 + 0.18 + 0.36 = 70 (4 first by its 按时办结率), 7 → 50.
        var view = await RankingAsync(portal, Supervisor, new RankingWeights { Sign = 0.2, Resolve = 0.2, Satisfaction = 0.6 });

        Assert.Equal(
            [
                (1, 1, 100.00, RankingList.Red),
                (3, 2, 95.00, RankingList.Red),
                (5, 3, 85.00, RankingList.Red),
                (8, 4, 80.00, RankingList.None),
                (4, 5, 70.00, RankingList.Black),
                (2, 6, 70.00, RankingList.Black),
                (7, 7, 50.00, RankingList.Black),
                (6, null, 100.00, RankingList.None),
            ],
            Lines(view));
        Assert.Equal(0.6, view.Weights.Satisfaction);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACadre_RanksTheRequestsOfTheirEnterprisesOnly_AndWithTwoRankedOneIsRedAndOneBlack(DatabaseProvider provider)
    {
        await using var portal = await BuiltAsync(provider);
        // Departments 1 and 3's requests are of enterprises another cadre guarantees.
        await portal.QueryAsync(db => db.ServiceRequests.Where(r => r.LeadDepartmentId == 1 || r.LeadDepartmentId == 3)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CadreUserId, "another-cadre")));

        var theirs = await RankingAsync(portal, new PortalUser("another-cadre", Roles.Cadre));
        var cadres = await RankingAsync(portal, new PortalUser(RequestBuilder.Cadre.UserId, Roles.Cadre));
        var handlers = await RankingAsync(portal, new PortalUser("handler-1", Roles.DepartmentHandler, DepartmentId: 1));

        Assert.Equal([(1, 1, 100.00, RankingList.Red), (3, 2, 90.00, RankingList.Black)], Lines(theirs));
        // The rest: five ranked, two on each list, 5 in the middle.
        Assert.Equal(
            [
                (4, 1, 85.00, RankingList.Red),
                (5, 2, 84.29, RankingList.Red),
                (2, 3, 78.00, RankingList.None),
                (8, 4, 78.00, RankingList.Black),
                (7, 5, 50.00, RankingList.Black),
                (6, null, 100.00, RankingList.None),
            ],
            Lines(cadres));
        Assert.Empty(handlers.Standings);
    }

    [Theory]
    [InlineData(0.3, 0.4, 0.3, true)]
    [InlineData(0.1, 0.2, 0.7, true)]
    [InlineData(0.33333, 0.33333, 0.33334, true)]
    [InlineData(0.3, 0.4, 0.4, false)]
    [InlineData(-0.1, 0.6, 0.5, false)]
    [InlineData(1.2, -0.1, -0.1, false)]
    public void Weights_AreValid_EachFromZeroToOneTogetherOne(double sign, double resolve, double satisfaction, bool valid) =>
        Assert.Equal(valid, new RankingWeights { Sign = sign, Resolve = resolve, Satisfaction = satisfaction }.AreValid);

    [Fact]
    public void AScore_LeavesOutAComponentWithoutARate_AndIsNoneWhenNoWeightedOneHasOne()
    {
        var weights = new RankingWeights { Sign = 0.5, Resolve = 0, Satisfaction = 0.5 };

        Assert.Equal(90.00, weights.Score(0.8, 0.1, 1.0));
        Assert.Equal(80.00, weights.Score(0.8, 0.1, null));
        Assert.Null(weights.Score(null, 0.9, null));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 3)]
    [InlineData(14, 3)]
    public void TheLists_HoldThreeEach_OrHalfOfFewerThanSix(int ranked, int each) =>
        Assert.Equal(each, DepartmentRanking.ListSize(ranked));
}
