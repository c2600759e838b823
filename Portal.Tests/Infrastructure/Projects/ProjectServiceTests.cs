using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Projects;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Projects;

/// <summary>The enterprises' projects through the services, on both databases: who keeps, who reads, what is refused.</summary>
public class ProjectServiceTests
{
    /// <summary>Signed in January, registered in February: 创普斯's second phase.</summary>
    public static ProjectInput SecondPhase => new("创普斯二期 5 万吨磷酸铁锂正极材料项目", 12000.5m, new Dictionary<ProjectStage, DateOnly>
    {
        [ProjectStage.Signed] = new(2026, 1, 8),
        [ProjectStage.Registered] = new(2026, 2, 10),
    });

    public static async Task<T> ProjectsAsync<T>(SeededPortal portal, Func<ProjectService, Task<T>> use)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<ProjectService>());
    }

    /// <summary>创普斯's project, added by its own user.</summary>
    public static async Task<int> AddProjectAsync(SeededPortal portal, string email = "enterprise@yqby.test")
    {
        var user = await portal.UserAsync(email);
        return await ProjectsAsync(portal, s => s.CreateAsync(user, user.EnterpriseId!.Value, SecondPhase));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Create_ByTheEnterprise_StoresTheStagesAndTheFurthestIsTheStage(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;

        var id = await AddProjectAsync(portal);

        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var project = await ProjectsAsync(portal, s => s.GetAsync(enterprise, id));
        Assert.NotNull(project);
        Assert.Equal("创普斯二期 5 万吨磷酸铁锂正极材料项目", project.Name);
        Assert.Equal(12000.5m, project.PlannedInvestment);
        Assert.Equal(ProjectStage.Registered, project.Stage);
        Assert.Equal(new DateOnly(2026, 2, 10), project.StageDates[ProjectStage.Registered]);
        Assert.False(project.StageDates.ContainsKey(ProjectStage.Permitted));
        Assert.True(project.CanEdit);
        Assert.Equal("枣庄创普斯新能源科技有限公司", project.EnterpriseName);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Scope_TheEnterpriseAndItsCommissionerKeep_SupervisorsRead_OthersFindNothing(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var id = await AddProjectAsync(portal);

        async Task<ProjectDetails?> As(string email) =>
            await ProjectsAsync(portal, async s => await s.GetAsync(await portal.UserAsync(email), id));

        Assert.True((await As("commissioner@yqby.test"))!.CanEdit);
        Assert.False((await As("supervisor@yqby.test"))!.CanEdit);
        Assert.False((await As("admin@yqby.test"))!.CanEdit);
        Assert.Null(await As("enterprise2@yqby.test"));
        Assert.Null(await As("commissioner2@yqby.test"));
        Assert.Null(await As("zrzy.handler@yqby.test"));
        Assert.Null(await As("cadre@yqby.test"));
        var other = await portal.UserAsync("enterprise2@yqby.test");
        Assert.Empty(await ProjectsAsync(portal, s => s.ListAsync(other)));
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        Assert.Equal([id], (await ProjectsAsync(portal, s => s.ListAsync(commissioner))).Select(p => p.Id));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Update_OutsideScopeIsNotFound_BySupervisorIsRefused_ByTheCommissionerMovesTheStage(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var id = await AddProjectAsync(portal);
        var started = SecondPhase with
        {
            StageDates = new Dictionary<ProjectStage, DateOnly>(SecondPhase.StageDates)
            {
                [ProjectStage.Permitted] = new(2026, 2, 20),
                [ProjectStage.Started] = new(2026, 3, 1),
            },
        };
        var other = await portal.UserAsync("enterprise2@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        var commissioner = await portal.UserAsync("commissioner@yqby.test");

        await Assert.ThrowsAsync<ProjectNotFoundException>(() => ProjectsAsync(portal, s => Done(s.UpdateAsync(other, id, 1, started))));
        var refusal = await Assert.ThrowsAsync<DomainException>(() => ProjectsAsync(portal, s => Done(s.UpdateAsync(supervisor, id, 1, started))));
        Assert.Equal("Project.NotKeeper", refusal.Code);
        time.Advance(TimeSpan.FromHours(1));
        await ProjectsAsync(portal, s => Done(s.UpdateAsync(commissioner, id, 1, started)));
        await Assert.ThrowsAsync<ProjectChangedException>(() => ProjectsAsync(portal, s => Done(s.UpdateAsync(commissioner, id, 1, SecondPhase))));

        var project = await ProjectsAsync(portal, s => s.GetAsync(supervisor, id));
        Assert.Equal(ProjectStage.Started, project!.Stage);
        Assert.Equal(new DateOnly(2026, 3, 1), project.StageDates[ProjectStage.Started]);
        Assert.Equal(2, project.Version);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Create_ForAnotherEnterprise_OrWithBadDetails_IsRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var other = await portal.UserAsync("enterprise2@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");

        await Assert.ThrowsAsync<DomainException>(() => ProjectsAsync(portal, s => s.CreateAsync(enterprise, other.EnterpriseId!.Value, SecondPhase)));
        await Assert.ThrowsAsync<DomainException>(() => ProjectsAsync(portal, s => s.CreateAsync(supervisor, enterprise.EnterpriseId!.Value, SecondPhase)));
        var invalid = await Assert.ThrowsAsync<ProjectInvalidException>(() => ProjectsAsync(portal, s => s.CreateAsync(
            enterprise, enterprise.EnterpriseId!.Value, new ProjectInput(" ", 0, new Dictionary<ProjectStage, DateOnly>
            {
                [ProjectStage.Signed] = new(2026, 2, 1),
                [ProjectStage.Permitted] = new(2026, 1, 1),
                [ProjectStage.Started] = new(2026, 3, 3),
            }))));

        Assert.Equal(
            [
                (Project.NameField, "Project.NameRequired"),
                (Project.InvestmentField, "Project.InvestmentRange"),
                (Project.StageField(ProjectStage.Registered), "Project.StageDateMissing"),
                (Project.StageField(ProjectStage.Permitted), "Project.StageDateOutOfOrder"),
                (Project.StageField(ProjectStage.Started), "Project.StageDateInFuture"),
            ],
            invalid.Problems.Select(p => (p.Field, p.Code)));
        Assert.Equal(0, await portal.QueryAsync(db => db.Projects.CountAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_WithTheEnterprisesProject_LinksIt_AndTheProjectListsTheRequest(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var id = await AddProjectAsync(portal);
        var enterprise = await portal.UserAsync("enterprise@yqby.test");

        var number = await SubmitAsync(portal, enterprise, id);

        var details = await portal.RequestsAsync(s => s.GetAsync(enterprise, number));
        Assert.Equal(id, details!.ProjectId);
        Assert.Equal("创普斯二期 5 万吨磷酸铁锂正极材料项目", details.ProjectName);
        var project = await ProjectsAsync(portal, s => s.GetAsync(enterprise, id));
        Assert.Equal([number], project!.Requests.Select(r => r.Number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LinkedRequests_ReadOnByKeyset_NewestFirst_WithoutGapsOrRepeats_AndNotOutsideTheScope(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var id = await AddProjectAsync(portal);
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var numbers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            numbers.Add(await SubmitAsync(portal, enterprise, id));
        }

        var project = await ProjectsAsync(portal, s => s.GetAsync(enterprise, id, requestsPageSize: 2));
        var read = project!.Requests.Select(r => r.Number).ToList();
        var next = project.RequestsNext;
        while (next is { } after)
        {
            var page = await ProjectsAsync(portal, s => s.LinkedRequestsAsync(enterprise, id, after, pageSize: 2));
            Assert.NotNull(page);
            Assert.True(page.Next is null || page.Rows.Count == 2);
            read.AddRange(page.Rows.Select(r => r.Number));
            next = page.Next;
        }

        Assert.Equal(2, project.Requests.Count);
        Assert.Equal(Enumerable.Reverse(numbers), read);
        Assert.Null((await ProjectsAsync(portal, s => s.GetAsync(enterprise, id)))!.RequestsNext);
        // Outside the scope the next page is nothing, as the project itself is.
        var outsider = await portal.UserAsync("enterprise2@yqby.test");
        Assert.Null(await ProjectsAsync(portal, s => s.LinkedRequestsAsync(outsider, id, project.Requests[^1].Id, pageSize: 2)));
        Assert.Null(await ProjectsAsync(portal, s => s.LinkedRequestsAsync(enterprise, id + 1000, project.Requests[^1].Id, pageSize: 2)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_WithAnotherEnterprisesProject_IsRefusedClearly_AndNothingIsFiled(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var othersProject = await AddProjectAsync(portal, "enterprise2@yqby.test");
        var enterprise = await portal.UserAsync("enterprise@yqby.test");

        var refusal = await Assert.ThrowsAsync<DomainException>(() => SubmitAsync(portal, enterprise, othersProject));
        var missing = await Assert.ThrowsAsync<DomainException>(() => SubmitAsync(portal, enterprise, othersProject + 1000));

        Assert.Equal("所选项目不存在或不属于该企业", refusal.Message);
        Assert.Equal(refusal.Message, missing.Message);
        Assert.Equal(0, await portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Submit_ByTheCommissionerForItsEnterprise_MayLinkThatEnterprisesProject(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var id = await AddProjectAsync(portal);
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var category = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());

        var number = await portal.RequestsAsync(s => s.SubmitAsync(commissioner, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Visit, "二期用地指标", "走访时企业反映二期用地指标不足。", ProjectId: id)));

        Assert.Equal(id, (await portal.RequestsAsync(s => s.GetAsync(commissioner, number)))!.ProjectId);
    }

    public static async Task<string> SubmitAsync(SeededPortal portal, PortalUser user, int projectId)
    {
        var category = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
        return await portal.RequestsAsync(s => s.SubmitAsync(user, new SubmitRequestInput(
            user.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "二期项目用地报批", "二期项目用地报批已逾两个月，请协调。", ProjectId: projectId)));
    }

    private static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }
}
