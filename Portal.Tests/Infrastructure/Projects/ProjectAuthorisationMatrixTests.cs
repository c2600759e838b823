using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Projects;

/// <summary>
/// Every project action and query, by the cast of <c>RequestAuthorisationMatrixTests</c>, on a fresh project of
/// 创普斯: done (O), refused with a reason (R), or not found because it lies outside the user's scope (N).
/// </summary>
public class ProjectAuthorisationMatrixTests(ProjectAuthorisationMatrixTests.Portals portals)
    : IClassFixture<ProjectAuthorisationMatrixTests.Portals>
{
    private static readonly (string Name, string Email)[] Cast =
    [
        ("enterprise", "enterprise@yqby.test"),
        ("other enterprise", "enterprise2@yqby.test"),
        ("commissioner", "commissioner@yqby.test"),
        ("other commissioner", "commissioner2@yqby.test"),
        ("lead handler", "zrzy.handler@yqby.test"),
        ("lead head", "zrzy.head@yqby.test"),
        ("co-handler", "fgj.handler@yqby.test"),
        ("other department", "swj.handler@yqby.test"),
        ("cadre", "cadre@yqby.test"),
        ("other cadre", "cadre2@yqby.test"),
        ("supervisor", "supervisor@yqby.test"),
        ("admin", "admin@yqby.test"),
    ];

    private static readonly Row[] Matrix =
    [
        //                                                                       ent ent2 com com2 lead head co  oth cad cad2 sup adm
        new("GetProject", async c => _ = await c.Projects.GetAsync(c.User, c.ProjectId) ?? throw new ProjectNotFoundException(c.ProjectId),
                                                                                "O   N    O   N    N    N    N   N   N   N    O   O"),
        new("LinkedRequestsProject", async c => _ = await c.Projects.LinkedRequestsAsync(c.User, c.ProjectId, long.MaxValue) ?? throw new ProjectNotFoundException(c.ProjectId),
                                                                                "O   N    O   N    N    N    N   N   N   N    O   O"),
        new("ListProjects", async c =>
            {
                var list = await c.Projects.ListAsync(c.User, pageSize: ProjectService.MaxPageSize);
                _ = list.SingleOrDefault(p => p.Id == c.ProjectId) ?? throw new ProjectNotFoundException(c.ProjectId);
            },                                                                  "O   N    O   N    N    N    N   N   N   N    O   O"),
        new("PageProject", async c =>
            {
                var page = await c.Projects.PageAsync(c.User, pageSize: ProjectService.MaxPageSize);
                _ = page.Rows.SingleOrDefault(p => p.Id == c.ProjectId) ?? throw new ProjectNotFoundException(c.ProjectId);
            },                                                                  "O   N    O   N    N    N    N   N   N   N    O   O"),
        new("CreateProject", c => c.Projects.CreateAsync(c.User, c.EnterpriseId, ProjectServiceTests.SecondPhase),
                                                                                "O   R    O   R    R    R    R   R   R   R    R   R"),
        new("UpdateProject", c => c.Projects.UpdateAsync(c.User, c.ProjectId, 1, ProjectServiceTests.SecondPhase with { Name = "创普斯二期（调整）" }),
                                                                                "O   N    O   N    N    N    N   N   N   N    R   R"),
        new("SubmitWithProject", c => c.Requests.SubmitAsync(c.User, new SubmitRequestInput(
                c.EnterpriseId, c.CategoryId, Urgency.Normal, c.User.Role == Roles.Enterprise ? RequestChannel.Portal : RequestChannel.Visit,
                "二期用地指标", "二期用地指标不足。", ProjectId: c.ProjectId)),
                                                                                "O   N    O   N    R    R    R   R   R   R    R   R"),
    ];

    public static TheoryData<DatabaseProvider, string, string> Cells() =>
        AuthorisationMatrix.Cells(Matrix.Select(r => r.Action), Cast.Select(c => c.Name));

    [Fact]
    public void EveryProjectServiceAction_HasARow()
    {
        var actions = typeof(ProjectService).GetMethods()
            .Where(m => m.DeclaringType == typeof(ProjectService) && m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name[..^"Async".Length].Replace("Async", "", StringComparison.Ordinal) switch
            {
                "List" => "ListProjects",
                var name => name + "Project",
            });

        // Which enterprises one may keep, and whether one may keep one, are questions about oneself that the pages ask.
        Assert.Empty(actions.Except(Matrix.Select(r => r.Action)).Except(["KeptEnterprisesProject", "MayKeepProject"]));
        Assert.All(Matrix, row => Assert.Equal(Cast.Length, AuthorisationMatrix.Letters(row.Expected).Length));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Action_ByEachMemberOfTheCast_IsDoneRefusedOrNotFoundAsTheMatrixSays(DatabaseProvider provider, string action, string who)
    {
        var portal = await portals.ForAsync(provider);
        var row = Matrix.Single(r => r.Action == action);
        var column = Array.FindIndex(Cast, c => c.Name == who);
        var expected = AuthorisationMatrix.Letters(row.Expected)[column];
        var projectId = await ProjectServiceTests.AddProjectAsync(portal.Portal);
        var user = await portal.Portal.UserAsync(Cast[column].Email);
        var projectsBefore = await portal.Portal.QueryAsync(db => db.Projects.CountAsync());
        var requestsBefore = await portal.Portal.QueryAsync(db => db.ServiceRequests.CountAsync());

        await using var scope = portal.Portal.Services.CreateAsyncScope();
        var cell = new Cell(
            scope.ServiceProvider.GetRequiredService<ProjectService>(), scope.ServiceProvider.GetRequiredService<RequestService>(),
            user, projectId, portal.EnterpriseId, portal.CategoryId);
        var failure = await Record.ExceptionAsync(() => row.Call(cell));

        var outcome = AuthorisationMatrix.OutcomeOf(failure);
        Assert.True(expected == outcome, $"{action} by {who}: expected {expected}, got {outcome} {failure?.Message}");
        var name = await portal.Portal.QueryAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.Name).SingleAsync());
        Assert.Equal(action == "UpdateProject" && outcome == "O" ? "创普斯二期（调整）" : ProjectServiceTests.SecondPhase.Name, name);
        Assert.Equal(projectsBefore + (action == "CreateProject" && outcome == "O" ? 1 : 0), await portal.Portal.QueryAsync(db => db.Projects.CountAsync()));
        Assert.Equal(requestsBefore + (action == "SubmitWithProject" && outcome == "O" ? 1 : 0), await portal.Portal.QueryAsync(db => db.ServiceRequests.CountAsync()));
    }

    public sealed record Cell(ProjectService Projects, RequestService Requests, PortalUser User, int ProjectId, int EnterpriseId, int CategoryId);

    public sealed record Row(string Action, Func<Cell, Task> Call, string Expected);

    public sealed record PortalWithIds(SeededPortal Portal, int EnterpriseId, int CategoryId);

    /// <summary>A demo portal per provider.</summary>
    public sealed class Portals : IAsyncLifetime
    {
        private readonly Dictionary<DatabaseProvider, PortalWithIds> _portals = [];

        public async Task<PortalWithIds> ForAsync(DatabaseProvider provider)
        {
            if (!_portals.TryGetValue(provider, out var staged))
            {
                var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
                var enterprise = await portal.UserAsync("enterprise@yqby.test");
                var category = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());
                staged = new PortalWithIds(portal, enterprise.EnterpriseId!.Value, category);
                _portals.Add(provider, staged);
            }
            return staged;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            foreach (var staged in _portals.Values)
            {
                await staged.Portal.DisposeAsync();
            }
        }
    }
}
