using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Projects;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>The project pages over HTTP: the server, not the browser, decides who sees a project.</summary>
public class ProjectPagesTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private async Task<int> AddProjectAsync(string name)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == "enterprise@yqby.test");
        return await scope.ServiceProvider.GetRequiredService<ProjectService>().CreateAsync(
            new PortalUser(user.Id, Roles.Enterprise, EnterpriseId: user.EnterpriseId), user.EnterpriseId!.Value,
            ProjectServiceTests.SecondPhase with { Name = name });
    }

    [Fact]
    public async Task AProjectOfAnotherEnterprise_Is404_AndShowsNothingOfIt()
    {
        var id = await AddProjectAsync("创普斯三期电解液配套项目");
        using var owner = await FormLogin.SignedInClientAsync(host.Factory, "enterprise@yqby.test");
        using var outsider = await FormLogin.SignedInClientAsync(host.Factory, "enterprise2@yqby.test");

        using var own = await owner.GetAsync($"/projects/{id}");
        using var other = await outsider.GetAsync($"/projects/{id}");
        var ownHtml = await own.Content.ReadAsStringAsync();
        var otherHtml = await other.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("创普斯三期电解液配套项目", ownHtml);
        Assert.Contains("立项", ownHtml);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("创普斯三期电解液配套项目", otherHtml);
    }

    [Fact]
    public async Task TheList_ShowsTheEnterprisesOwnProjects_AndNotOthers()
    {
        var id = await AddProjectAsync("创普斯四期研发中心");
        using var owner = await FormLogin.SignedInClientAsync(host.Factory, "enterprise@yqby.test");
        using var outsider = await FormLogin.SignedInClientAsync(host.Factory, "enterprise2@yqby.test");

        var own = await owner.GetStringAsync("/projects");
        var other = await outsider.GetStringAsync("/projects");

        Assert.Contains($"href=\"/projects/{id}\"", own);
        Assert.Contains("创普斯四期研发中心", own);
        Assert.DoesNotContain("创普斯四期研发中心", other);
    }
}
