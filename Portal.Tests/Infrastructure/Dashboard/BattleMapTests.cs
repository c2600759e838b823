using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
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
/// The battle map over the figures' hand-built set (<see cref="DistrictFiguresTests.BuiltAsync"/>) at its noon of 25 March:
/// open are B (its sign deadline recorded severely overdue), E (reopened), I (under review) and L (just dispatched), led by
/// the lead department, and K (its resolve deadline recorded as a warning), led by the other department since its
/// transfer. K's overdue sign deadline was superseded: it colours nothing.
/// </summary>
public class BattleMapTests
{
    private static readonly PortalUser Supervisor = new("supervisor", Roles.Supervisor);

    private static async Task<MapView> MapAsync(SeededPortal portal, PortalUser user, FigureFilter? filter = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BattleMap>().NowAsync(user, filter ?? FigureFilter.None);
    }

    private static (int OnTrack, int Warning, int Overdue, int Severe) Counts(MapTile tile) =>
        (tile.OnTrack, tile.Warning, tile.Overdue, tile.SeverelyOverdue);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDistrict_ShowsEveryDepartmentAndPark_WithItsOpenRequestsByTheirWorstLevel(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var __ = portal;
        var (departments, parks) = await portal.QueryAsync(async db => (await db.Departments.CountAsync(), await db.Parks.CountAsync()));
        var park = await portal.QueryAsync(db => db.Enterprises.Where(e => e.Id == EnterpriseId).Select(e => e.ParkId).SingleAsync());

        var map = await MapAsync(portal, Supervisor);

        Assert.Equal((3, 1, 0, 1), Counts(map.Total));
        Assert.Equal(departments, map.Departments.Count);
        Assert.Equal(parks, map.Parks.Count);
        Assert.Equal((3, 0, 0, 1), Counts(map.Departments.Single(t => t.Key == LeadDepartment.ToString())));
        Assert.Equal((0, 1, 0, 0), Counts(map.Departments.Single(t => t.Key == OtherDepartment.ToString())));
        Assert.All(map.Departments.Where(t => t.Key != LeadDepartment.ToString() && t.Key != OtherDepartment.ToString()), t => Assert.Equal(0, t.Open));
        Assert.Equal((3, 1, 0, 1), Counts(map.Parks.Single(t => t.Key == park.ToString())));
        Assert.Equal(5, map.Parks.Sum(t => t.Open));
        // The set's commissioner is no user of the portal: every real commissioner's tile is empty.
        Assert.NotEmpty(map.Commissioners);
        Assert.All(map.Commissioners, t => Assert.Equal(0, t.Open));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACountsLink_OpensExactlyTheRequestsItCounted(DatabaseProvider provider)
    {
        var (portal, requests) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        var (b, e, i, k, l) = (requests[1].Number, requests[4].Number, requests[8].Number, requests[10].Number, requests[11].Number);

        async Task<List<string>> ListedAsync(RequestListQuery query) =>
            [.. (await portal.RequestsAsync(s => s.ListAsync(Supervisor, query, pageSize: 50))).Items.Select(r => r.Number).Order()];

        Assert.Equal([b], await ListedAsync(new RequestListQuery(DepartmentId: LeadDepartment, Level: EscalationLevel.SeverelyOverdue)));
        Assert.Equal(new[] { e, i, l }.Order(), await ListedAsync(new RequestListQuery(DepartmentId: LeadDepartment, Level: EscalationLevel.OnTime)));
        Assert.Equal([k], await ListedAsync(new RequestListQuery(DepartmentId: OtherDepartment, Level: EscalationLevel.Warning)));
        Assert.Equal([k], await ListedAsync(new RequestListQuery(CommissionerUserId: Commissioner.UserId, Level: EscalationLevel.Warning)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ANarrowedOrScopedMap_ShowsOnlyTheTilesWithSomethingOpen(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;

        var other = await MapAsync(portal, Supervisor, new FigureFilter(DepartmentId: OtherDepartment));
        var cadre = await MapAsync(portal, new PortalUser(Cadre.UserId, Roles.Cadre));
        var anotherCadre = await MapAsync(portal, new PortalUser("another-cadre", Roles.Cadre));
        var handler = await MapAsync(portal, new PortalUser(LeadHandler.UserId, Roles.DepartmentHandler, DepartmentId: LeadDepartment));

        Assert.Equal([(OtherDepartment.ToString(), (0, 1, 0, 0))], other.Departments.Select(t => (t.Key, Counts(t))));
        Assert.Equal((3, 1, 0, 1), Counts(cadre.Total));
        Assert.Equal(2, cadre.Departments.Count);
        foreach (var nothing in new[] { anotherCadre, handler })
        {
            Assert.Equal(0, nothing.Total.Open);
            Assert.Empty(nothing.Departments);
            Assert.Empty(nothing.Parks);
            Assert.Empty(nothing.Commissioners);
        }
        var refused = await Assert.ThrowsAsync<DomainException>(() => MapAsync(portal, Supervisor, new FigureFilter(DepartmentId: 999)));
        Assert.Equal(MetricsRefusals.DepartmentNotFound, refused.Code);
    }
}
