using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Registration;
using Portal.Tests.Infrastructure.Projects;
using Portal.Tests.Support;
using Portal.Web.Features.Approvals;
using Portal.Web.Features.Projects;
using Portal.Web.Shared;
using static Portal.Tests.Infrastructure.Registration.RegistrationPortals;

namespace Portal.Tests.Web;

/// <summary>
/// The lists that read on by keyset, clicked through with bUnit on a real database with a small page: each
/// "加载更多" adds the next page, and all the pages together are the whole list, in order, none twice.
/// </summary>
public class LoadMorePagesTests : ComponentTest
{
    [Fact]
    public async Task Approvals_LoadMore_ShowsTheNextRegistrations_UntilAll_AndADecisionKeepsWhatWasLoaded()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        for (var i = 0; i < 5; i++)
        {
            await RegisterAsync(portal, KnownCode, $"创普斯分页{i}");
        }
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var all = (await Approvals(portal).PendingAsync(commissioner, pageSize: RegistrationApprovals.MaxPageSize)).Rows.Select(r => r.Id.ToString()).ToList();
        Services.AddSingleton(Approvals(portal));
        SignInAs(commissioner, "commissioner@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<ApprovalsPage>(p => p.Add(x => x.PageSize, 2));
        page.WaitForAssertion(() => Assert.Equal(2, Shown(page).Count));
        for (var clicks = 0; page.FindAll("[data-testid='approvals-more']").Count > 0; clicks++)
        {
            Assert.True(clicks < all.Count, "The button should go once everything is shown.");
            var before = Shown(page).Count;
            page.Find("[data-testid='approvals-more']").Click();
            page.WaitForAssertion(() => Assert.True(Shown(page).Count > before));
        }

        Assert.Equal(all, Shown(page));

        // Deciding one shown on a later page reads the list again as far as it was shown: nothing loaded is lost.
        var last = all[^1];
        page.Find($"[data-registration-id='{last}'] [data-testid='approve']").Click();
        page.WaitForAssertion(() => Assert.Equal(all[..^1], Shown(page)));
        Assert.Empty(page.FindAll("[data-testid='approvals-more']"));
    }

    [Fact]
    public async Task Approvals_LoadMore_IsLabelledInTheUsersLanguage()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(portal, KnownCode, $"创普斯分页{i}");
        }
        Services.AddSingleton(Approvals(portal));
        SignInAs(await portal.UserAsync("commissioner@yqby.test"), "commissioner@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var zh = Render<ApprovalsPage>(p => p.Add(x => x.PageSize, 1));
        zh.WaitForAssertion(() => Assert.Equal("加载更多", zh.Find("[data-testid='approvals-more']").TextContent.Trim()));
        UseCulture(PortalCulture.English);
        var en = Render<ApprovalsPage>(p => p.Add(x => x.PageSize, 1));
        en.WaitForAssertion(() => Assert.Equal("Load more", en.Find("[data-testid='approvals-more']").TextContent.Trim()));
    }

    [Fact]
    public async Task Projects_LoadMore_ShowsTheNextProjects_NewestFirst_UntilAll()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        for (var i = 0; i < 5; i++)
        {
            await ProjectServiceTests.AddProjectAsync(portal);
        }
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var all = (await ProjectServiceTests.ProjectsAsync(portal, s => s.ListAsync(enterprise, pageSize: ProjectService.MaxPageSize)))
            .Select(p => p.Id.ToString()).ToList();
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<ProjectService>());
        SignInAs(enterprise, "enterprise@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<ProjectsPage>(p => p.Add(x => x.PageSize, 2));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr[data-project]").Count));
        for (var clicks = 0; page.FindAll("[data-testid='projects-more']").Count > 0; clicks++)
        {
            Assert.True(clicks < all.Count, "The button should go once everything is shown.");
            var before = page.FindAll("tr[data-project]").Count;
            page.Find("[data-testid='projects-more']").Click();
            page.WaitForAssertion(() => Assert.True(page.FindAll("tr[data-project]").Count > before));
        }

        Assert.True(all.Count >= 5);
        Assert.Equal(all, page.FindAll("tr[data-project]").Select(r => r.GetAttribute("data-project")!));
    }

    [Fact]
    public async Task Project_LoadMore_ShowsTheNextLinkedRequests_NewestFirst_UntilAll()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        var id = await ProjectServiceTests.AddProjectAsync(portal);
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var numbers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            numbers.Add(await ProjectServiceTests.SubmitAsync(portal, enterprise, id));
        }
        numbers.Reverse();
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<ProjectService>());
        SignInAs(enterprise, "enterprise@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<ProjectPage>(p => p.Add(x => x.Id, id).Add(x => x.RequestsPageSize, 2));
        page.WaitForAssertion(() => Assert.Equal(numbers[..2], Linked(page)));
        page.Find("[data-testid='project-requests-more']").Click();
        page.WaitForAssertion(() => Assert.Equal(numbers[..4], Linked(page)));
        page.Find("[data-testid='project-requests-more']").Click();

        page.WaitForAssertion(() => Assert.Equal(numbers, Linked(page)));
        Assert.Empty(page.FindAll("[data-testid='project-requests-more']"));
    }

    private static List<string> Shown(IRenderedComponent<ApprovalsPage> page) =>
        [.. page.FindAll("[data-testid='registration']").Select(r => r.GetAttribute("data-registration-id")!)];

    private static List<string> Linked(IRenderedComponent<ProjectPage> page) =>
        [.. page.FindAll("[data-testid='project-requests'] li").Select(r => r.GetAttribute("data-request")!)];
}
