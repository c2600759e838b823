using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>Who sees which requests (DESIGN.md §2), through the list and through each request's address.</summary>
public class RequestScopeTests
{
    /// <summary>
    /// A: 创普斯 files it, 自然资源局 leads, 发改局 co-handles. B: 丰元汇能 files it, not yet dispatched.
    /// C: 王芳 logs it for 山东盛威 (her enterprise, cadre 周立群), 税务局 leads. D: 孙浩 logs it for 马威电力
    /// (his enterprise, cadre 周立群), and a supervisor reassigns it to 王芳.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachRole_SeesExactlyTheRequestsItsScopeHolds(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var commissioner2 = await portal.UserAsync("commissioner2@yqby.test");
        var commissioner3 = await portal.UserAsync("commissioner3@yqby.test");

        var zrzy = await RequestServiceTests.DepartmentAsync(portal, "ZRZY");
        var fgj = await RequestServiceTests.DepartmentAsync(portal, "FGJ");
        var swj = await RequestServiceTests.DepartmentAsync(portal, "SWJ");

        var a = await RequestServiceTests.SubmitAsync(portal);
        await portal.RequestsAsync(s => s.DispatchAsync(commissioner, a, 1, zrzy));
        await portal.RequestsAsync(s => s.AddCoHandlerAsync(commissioner, a, 2, fgj));
        var b = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");
        var c = await LogAsync(portal, commissioner2, "山东盛威新材料有限公司");
        await portal.RequestsAsync(s => s.DispatchAsync(commissioner2, c, 1, swj));
        var d = await LogAsync(portal, commissioner3, "马威电力装备有限公司");
        await portal.RequestsAsync(s => s.ReassignAsync(supervisor, d, 1, commissioner2.Id));

        var expected = new Dictionary<string, string[]>
        {
            ["enterprise@yqby.test"] = [a],
            ["enterprise2@yqby.test"] = [b],
            ["commissioner@yqby.test"] = [a, b],
            ["commissioner2@yqby.test"] = [c, d],
            ["commissioner3@yqby.test"] = [d],
            ["zrzy.handler@yqby.test"] = [a],
            ["zrzy.head@yqby.test"] = [a],
            ["fgj.handler@yqby.test"] = [a],
            ["swj.head@yqby.test"] = [c],
            ["gdgs.handler@yqby.test"] = [],
            ["cadre@yqby.test"] = [a, b],
            ["cadre2@yqby.test"] = [c, d],
            ["supervisor@yqby.test"] = [a, b, c, d],
            ["admin@yqby.test"] = [a, b, c, d],
        };
        foreach (var (email, numbers) in expected)
        {
            var user = await portal.UserAsync(email);
            var listed = (await portal.RequestsAsync(s => s.ListAsync(user))).Items.Select(r => r.Number);
            Assert.True(numbers.Order().SequenceEqual(listed.Order()), $"{email} lists {string.Join(", ", listed)}");
            foreach (var number in new[] { a, b, c, d })
            {
                var found = await portal.RequestsAsync(s => s.GetAsync(user, number));
                Assert.True(numbers.Contains(number) == found is not null, $"{email} {(found is null ? "cannot" : "can")} open {number}");
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task List_PagesNewestFirstByKeyset_WithoutRepeatsOrGaps(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var submitted = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            submitted.Add(await RequestServiceTests.SubmitAsync(portal));
        }
        var enterprise = await portal.UserAsync("enterprise@yqby.test");

        var pages = new List<RequestPage> { await portal.RequestsAsync(s => s.ListAsync(enterprise, pageSize: 3)) };
        while (pages[^1].NextAfterId is { } after)
        {
            pages.Add(await portal.RequestsAsync(s => s.ListAsync(enterprise, after, pageSize: 3)));
        }

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Reverse(submitted), pages.SelectMany(p => p.Items).Select(r => r.Number));
        Assert.All(pages.SelectMany(p => p.Items), r => Assert.Equal("枣庄创普斯新能源科技有限公司", r.EnterpriseName));
    }

    private static async Task<string> LogAsync(SeededPortal portal, PortalUser commissioner, string enterpriseName)
    {
        var enterprise = await portal.QueryAsync(db => db.Enterprises.Where(e => e.Name == enterpriseName).Select(e => e.Id).SingleAsync());
        return await portal.RequestsAsync(s => s.SubmitAsync(commissioner, new SubmitRequestInput(
            enterprise, 1, Urgency.Normal, RequestChannel.Phone, "电话反映：用电增容", "企业来电反映用电增容迟迟未办。")));
    }
}
