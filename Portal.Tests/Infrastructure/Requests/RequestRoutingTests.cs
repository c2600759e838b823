using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// Routing (issue [Escalation]): the enterprise's own commissioner, else its park's default, else its
/// industry's, else the supervisors' queue; only a missing or deactivated commissioner moves a request down.
/// 创普斯 is in 经济开发区 (default 李明) and 锂电新能源 (no default); 山东盛威 in 临港工业园 (no default) and 新材料 (default 王芳).
/// </summary>
public class RequestRoutingTests
{
    private const string Chuangpusi = "枣庄创普斯新能源科技有限公司";
    private const string Shengwei = "山东盛威新材料有限公司";

    private static async Task<SeededPortal> PortalAsync(DatabaseProvider provider) => (await SeededPortal.OnFakeClockAsync(provider)).Portal;

    private static Task SetAsync(SeededPortal portal, Func<PortalDbContext, Task> change) => portal.QueryAsync(async db =>
    {
        await change(db);
        return await db.SaveChangesAsync();
    });

    private static Task<string?> CommissionerOfAsync(SeededPortal portal, string number) =>
        portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == number)
            .Select(r => db.Users.Where(u => u.Id == r.CommissionerUserId).Select(u => u.Email).SingleOrDefault()).SingleAsync());

    private static Task DeactivateAsync(SeededPortal portal, string email) =>
        SetAsync(portal, async db => (await db.Users.SingleAsync(u => u.Email == email)).Deactivate(DateTimeOffset.UnixEpoch));

    private static Task ClearOwnCommissionerAsync(SeededPortal portal, string enterprise) =>
        portal.QueryAsync(db => db.Enterprises.Where(e => e.Name == enterprise)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.CommissionerUserId, (string?)null)));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_WithAnActiveOwnCommissioner_GoesToThem_EvenWhenTheParkHasAnother(DatabaseProvider provider)
    {
        await using var portal = await PortalAsync(provider);
        await SetAsync(portal, async db => (await db.Parks.SingleAsync(p => p.Name == "临港工业园"))
            .AssignDefaultCommissioner((await db.Users.SingleAsync(u => u.Email == "commissioner3@yqby.test")).Id));

        var number = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");

        Assert.Equal("commissioner@yqby.test", await CommissionerOfAsync(portal, number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_WhenTheOwnCommissionerWasDeactivated_GoesToTheParkDefault(DatabaseProvider provider)
    {
        await using var portal = await PortalAsync(provider);
        await SetAsync(portal, async db => (await db.Parks.SingleAsync(p => p.Name == "经济开发区"))
            .AssignDefaultCommissioner((await db.Users.SingleAsync(u => u.Email == "commissioner3@yqby.test")).Id));
        await DeactivateAsync(portal, "commissioner@yqby.test");

        var number = await RequestServiceTests.SubmitAsync(portal);

        Assert.Equal("commissioner3@yqby.test", await CommissionerOfAsync(portal, number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_WithoutOwnCommissionerOrParkDefault_GoesToTheIndustryDefault(DatabaseProvider provider)
    {
        await using var portal = await PortalAsync(provider);
        await ClearOwnCommissionerAsync(portal, Shengwei);
        var shengwei = await portal.QueryAsync(db => db.Enterprises.Where(e => e.Name == Shengwei).Select(e => e.Id).SingleAsync());
        await SetAsync(portal, async db => (await db.Users.SingleAsync(u => u.Email == "enterprise2@yqby.test")).EnterpriseId = shengwei);

        var number = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");

        Assert.Equal("commissioner2@yqby.test", await CommissionerOfAsync(portal, number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_WhenEveryCommissionerInTheOrderIsMissingOrDeactivated_WaitsInTheSupervisorsQueue(DatabaseProvider provider)
    {
        await using var portal = await PortalAsync(provider);
        await ClearOwnCommissionerAsync(portal, Chuangpusi);
        await DeactivateAsync(portal, "commissioner@yqby.test");

        var number = await RequestServiceTests.SubmitAsync(portal);

        Assert.Null(await CommissionerOfAsync(portal, number));
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        var details = await portal.RequestsAsync(s => s.GetAsync(supervisor, number));
        Assert.Equal(RequestState.Submitted, details!.State);
        var told = await portal.QueryAsync(db => (
            from n in db.PortalNotifications
            join u in db.Users on n.UserId equals u.Id
            where n.RequestNumber == number
            select u.Email).ToListAsync());
        Assert.Contains("supervisor@yqby.test", told);
        Assert.Contains("cadre@yqby.test", told);
        Assert.DoesNotContain("commissioner@yqby.test", told);
    }
}
