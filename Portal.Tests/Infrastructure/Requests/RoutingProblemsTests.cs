using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// The routing problems listed for supervisors and admins: a category without a lead department, an
/// enterprise without an active commissioner (with where its requests go now), a cadre without an e-mail address.
/// </summary>
public class RoutingProblemsTests
{
    private static Task<IReadOnlyList<RoutingProblem>> ListAsync(SeededPortal portal, PortalUser user) =>
        portal.Services.GetRequiredService<RoutingProblems>().ListAsync(user);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachProblem_IsListed_WithWhereTheRequestsGoNow_ForSupervisorsAndAdminsOnly(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        Assert.Empty(await ListAsync(portal, supervisor));

        await portal.QueryAsync(async db =>
        {
            await db.RequestCategories.Where(c => c.Code == "LAND").ExecuteUpdateAsync(u => u.SetProperty(c => c.LeadDepartmentId, (int?)null));
            (await db.Users.SingleAsync(u => u.Email == "commissioner2@yqby.test")).Deactivate(DateTimeOffset.UnixEpoch);
            (await db.Users.SingleAsync(u => u.Email == "cadre2@yqby.test")).Email = null;
            await db.Enterprises.Where(e => e.Name == "马威电力装备有限公司")
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.CommissionerUserId, (string?)null));
            return await db.SaveChangesAsync();
        });

        var problems = await ListAsync(portal, supervisor);

        var land = await portal.QueryAsync(db => db.RequestCategories.SingleAsync(c => c.Code == "LAND"));
        // 王芳 was the default of 新材料 and 建材 too: only 天和 (经济开发区, default 李明) still has someone to go to.
        // 马威 is in 台南高端装备制造产业园, whose default is 孙浩.
        var expected = new[]
        {
            new RoutingProblem(RoutingProblemKind.CategoryWithoutLeadDepartment, land.Id, land.Name, null, null),
            new RoutingProblem(RoutingProblemKind.EnterpriseCommissionerDeactivated, null, "山东盛威新材料有限公司", "王芳", null),
            new RoutingProblem(RoutingProblemKind.EnterpriseCommissionerDeactivated, null, "天和电解液科技有限公司", "王芳", "李明"),
            new RoutingProblem(RoutingProblemKind.EnterpriseCommissionerDeactivated, null, "华亿矿业有限公司", "王芳", null),
            new RoutingProblem(RoutingProblemKind.EnterpriseCommissionerDeactivated, null, "鲁南纸业有限公司", "王芳", null),
            new RoutingProblem(RoutingProblemKind.EnterpriseWithoutCommissioner, null, "马威电力装备有限公司", null, "孙浩"),
            new RoutingProblem(RoutingProblemKind.CadreWithoutEmail, null, "周立群", null, null),
        };
        string Key(RoutingProblem p) => $"{p.Kind} {p.Subject} {p.Person} {p.RoutedTo}";
        Assert.Equal(expected.Select(Key).Order(StringComparer.Ordinal), problems.Select(Key).Order(StringComparer.Ordinal));
        Assert.Equal(problems.Select(Key), (await ListAsync(portal, await portal.UserAsync("admin@yqby.test"))).Select(Key));

        foreach (var email in new[] { "commissioner@yqby.test", "cadre@yqby.test", "zrzy.handler@yqby.test", "enterprise@yqby.test" })
        {
            Assert.Empty(await ListAsync(portal, await portal.UserAsync(email)));
        }
    }

    [Fact]
    public async Task ADeactivatedCadreWithoutAnAddress_IsNoProblem_TheyAreToldNothing()
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        await using var _ = portal;
        await portal.QueryAsync(async db =>
        {
            var cadre = await db.Users.SingleAsync(u => u.Email == "cadre2@yqby.test");
            cadre.Email = null;
            cadre.Deactivate(DateTimeOffset.UnixEpoch);
            return await db.SaveChangesAsync();
        });

        Assert.Empty(await ListAsync(portal, await portal.UserAsync("supervisor@yqby.test")));
    }
}
