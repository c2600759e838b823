using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Digests;
using Portal.Web.Features.Home;

namespace Portal.Tests.Web;

/// <summary>The routing problems on the supervisors' and admins' home pages, and the daily digests page, over a real database.</summary>
public class EscalationPagesTests : ComponentTest
{
    private SeededPortal _portal = null!;
    private FakeTimeProvider _time = null!;

    private async Task StartAsync()
    {
        (_portal, _time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton(_portal.Services.GetRequiredService<RoutingProblems>());
        Services.AddSingleton(_portal.Services.GetRequiredService<DigestArchive>());
        Services.AddScoped(_ => _portal.Services.CreateScope().ServiceProvider.GetRequiredService<CadreOverview>());
    }

    private async Task<IRenderedComponent<RoleHome>> HomeOfAsync(string email)
    {
        var user = await _portal.UserAsync(email);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Role, user.Role)], "test"));
        return Render<RoleHome>(p => p.Add(x => x.Role, user.Role).Add(x => x.User, principal));
    }

    [Fact]
    public async Task Supervisors_SeeEachRoutingProblem_AndAdminsWhereToPutItRight_OthersNothing()
    {
        await StartAsync();
        await _portal.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == "cadre2@yqby.test")).Email = null;
            await db.Enterprises.Where(e => e.Name == "马威电力装备有限公司")
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.CommissionerUserId, (string?)null));
            return await db.SaveChangesAsync();
        });

        var supervisor = await HomeOfAsync("supervisor@yqby.test");
        supervisor.WaitForAssertion(() => Assert.Equal(2, supervisor.FindAll("[data-testid='routing-problems'] li").Count));
        Assert.Contains("企业“马威电力装备有限公司”未配备服务专员：新诉求转由孙浩受理。", supervisor.Markup);
        Assert.Contains("包保干部周立群没有电子邮箱", supervisor.Markup);
        Assert.Empty(supervisor.FindAll("[data-testid='routing-problems'] a"));

        var admin = await HomeOfAsync("admin@yqby.test");
        admin.WaitForAssertion(() => Assert.Equal(["admin/organisation", "admin/users"],
            admin.FindAll("[data-testid='routing-problems'] li a").Select(a => a.GetAttribute("href"))));

        var commissioner = await HomeOfAsync("commissioner@yqby.test");
        Assert.Empty(commissioner.FindAll("[data-testid='routing-problems']"));
    }

    [Fact]
    public async Task WithCompleteRoutingData_TheSupervisorIsToldSo()
    {
        await StartAsync();

        var home = await HomeOfAsync("supervisor@yqby.test");

        home.WaitForAssertion(() => Assert.NotNull(home.Find("[data-testid='routing-problems-none']")));
    }

    [Fact]
    public async Task ACadre_ReadsTheirDigests_TheLinkedDayMarked()
    {
        await StartAsync();
        var number = await RequestServiceTests.SubmitAsync(_portal);
        foreach (var day in new[] { 3, 4 })
        {
            _time.SetUtcNow(new DateTimeOffset(2026, 3, day, 8, 30, 0, WorkCalendar.Offset));
            await using var scope = _portal.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DailyDigestJob>().RunAsync(CancellationToken.None);
        }
        SignInAs(await _portal.UserAsync("cadre@yqby.test"), "cadre@yqby.test");

        var page = Render<DigestsPage>(p => p.Add(x => x.Day, "2026-03-03"));

        page.WaitForAssertion(() => Assert.Equal(["2026-03-03"], page.FindAll("[data-testid='digest']").Select(d => d.GetAttribute("data-day"))));
        Assert.Contains("digest-chosen", page.Find("[data-testid='digest']").ClassName);
        Assert.Contains("新增诉求：1 件", page.Markup);
        Assert.Equal($"requests/{number}", page.Find("[data-testid='digest'] li a").GetAttribute("href"));

        var all = Render<DigestsPage>();
        all.WaitForAssertion(() => Assert.Equal(["2026-03-04", "2026-03-03"], all.FindAll("[data-testid='digest']").Select(d => d.GetAttribute("data-day"))));
        Assert.Contains("没有新增、超期或不满意的诉求", all.Find("[data-day='2026-03-04']").TextContent);
    }

    [Fact]
    public async Task ACadre_SeesTheirEnterprises_WithTheirOpenRequestsByHowLateTheyAre()
    {
        await StartAsync();
        await RequestServiceTests.SubmitAsync(_portal);
        await RequestServiceTests.SubmitAsync(_portal);
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 30, 0, WorkCalendar.Offset));
        await RequestServiceTests.SubmitAsync(_portal);

        var home = await HomeOfAsync("cadre@yqby.test");

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid='guaranteed-enterprise']")));
        var chuangpusi = home.Find("[data-enterprise='枣庄创普斯新能源科技有限公司']");
        Assert.Equal(("3", "1", "2"), (chuangpusi.QuerySelector("[data-count='open']")!.TextContent,
            chuangpusi.QuerySelector("[data-count='OnTime']")!.TextContent, chuangpusi.QuerySelector("[data-count='Overdue']")!.TextContent));
        Assert.Contains("天和电解液科技有限公司", home.Markup);
        Assert.DoesNotContain("山东盛威新材料有限公司", home.Markup);
        Assert.Empty((await HomeOfAsync("supervisor@yqby.test")).FindAll("[data-testid='guaranteed-enterprises']"));
    }

    protected override ValueTask DisposeTestResourcesAsync() => _portal?.DisposeAsync() ?? ValueTask.CompletedTask;
}
