using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Identity;
using Portal.Domain.Projects;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Projects;

/// <summary>What a user enters for a project: its name, planned investment in 万元, and the date of each stage reached.</summary>
public sealed record ProjectInput(string? Name, decimal PlannedInvestment, IReadOnlyDictionary<ProjectStage, DateOnly> StageDates);

/// <summary>An enterprise a user may add projects to.</summary>
public sealed record EnterpriseChoice(int Id, string Name);

/// <summary>One line of the project list.</summary>
public sealed record ProjectSummary(
    int Id, string Name, int EnterpriseId, string EnterpriseName, decimal PlannedInvestment, ProjectStage Stage, DateOnly StageReachedOn);

/// <summary>
/// A project as the user may see it, with the first page of the requests linked to it that they may see (newest first;
/// <see cref="RequestsNext"/> the id to read on after, null when that is all); <see cref="CanEdit"/> for its keepers.
/// </summary>
public sealed record ProjectDetails(
    int Id, int Version, int EnterpriseId, string EnterpriseName, string Name, decimal PlannedInvestment, ProjectStage Stage,
    IReadOnlyDictionary<ProjectStage, DateOnly> StageDates, bool CanEdit, IReadOnlyList<RequestSummary> Requests, long? RequestsNext = null);

/// <summary>One page of the projects list; <paramref name="Next"/> is the id to read on after, null on the last page.</summary>
public sealed record ProjectListPage(IReadOnlyList<ProjectSummary> Rows, int? Next);

/// <summary>One page of a project's linked requests; <paramref name="Next"/> is the id to read on after, null on the last page.</summary>
public sealed record LinkedRequestsPage(IReadOnlyList<RequestSummary> Rows, long? Next);

/// <summary>The project does not exist, or lies outside the user's scope: the two look the same on purpose.</summary>
public sealed class ProjectNotFoundException(int id) : Exception($"项目 {id} 不存在或您无权查看")
{
    public int Id { get; } = id;
}

/// <summary>Someone else changed the project since the user loaded it; nothing was saved.</summary>
public sealed class ProjectChangedException() : Exception("该项目已被他人修改，请刷新后重试，您的输入不会丢失");

/// <summary>
/// The enterprises' investment projects (全生命周期服务). Its users and its commissioner keep them; supervisors and
/// admins read them; anyone else finds nothing. Each call uses its own short-lived context.
/// </summary>
public sealed class ProjectService(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    public const int MaxPageSize = 200;

    /// <summary>The projects this user may see, newest first, by keyset after the last id seen; one enterprise's when given.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ListAsync(
        PortalUser user, int? enterpriseId = null, int? afterId = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = VisibleTo(db, user);
        if (enterpriseId is { } enterprise)
        {
            visible = visible.Where(p => p.EnterpriseId == enterprise);
        }
        if (afterId is { } after)
        {
            visible = visible.Where(p => p.Id < after);
        }
        var rows = await (
            from p in visible
            join e in db.Enterprises on p.EnterpriseId equals e.Id
            orderby p.Id descending
            select new { Project = p, Enterprise = e.Name })
            .AsNoTracking().Take(pageSize).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ProjectSummary(
            r.Project.Id, r.Project.Name, r.Project.EnterpriseId, r.Enterprise, r.Project.PlannedInvestment, r.Project.Stage,
            r.Project.DateOf(r.Project.Stage)!.Value))];
    }

    public const int RequestsPageSize = 50;

    /// <summary>How many projects a page of the projects list shows.</summary>
    public const int ListPageSize = 50;

    /// <summary>One page of <see cref="ListAsync"/>, after <paramref name="afterId"/>: one row more is read than shown, to tell whether a next page exists.</summary>
    public async Task<ProjectListPage> PageAsync(
        PortalUser user, int? afterId = null, int pageSize = ListPageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize - 1);
        var rows = await ListAsync(user, afterId: afterId, pageSize: pageSize + 1, cancellationToken: cancellationToken);
        var shown = rows.Take(pageSize).ToList();
        return new ProjectListPage(shown, rows.Count > pageSize ? shown[^1].Id : null);
    }

    /// <summary>The project with the first page of the requests linked to it that this user may see; null outside their scope.</summary>
    public async Task<ProjectDetails?> GetAsync(PortalUser user, int id, int requestsPageSize = RequestsPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await VisibleTo(db, user).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return null;
        }
        var enterprise = await db.Enterprises.Where(e => e.Id == project.EnterpriseId).Select(e => e.Name).SingleAsync(cancellationToken);
        var requests = await LinkedRequestsAsync(db, user, id, enterprise, null, requestsPageSize, cancellationToken);
        return new ProjectDetails(
            project.Id, project.Version, project.EnterpriseId, enterprise, project.Name, project.PlannedInvestment, project.Stage,
            project.StageDates, await KeepsAsync(db, user, project.EnterpriseId, cancellationToken), requests.Rows, requests.Next);
    }

    /// <summary>The next page of the requests linked to the project that this user may see, newest first, after <paramref name="afterId"/>; null outside their scope.</summary>
    public async Task<LinkedRequestsPage?> LinkedRequestsAsync(
        PortalUser user, int id, long afterId, int pageSize = RequestsPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enterprise = await (
            from p in VisibleTo(db, user)
            where p.Id == id
            join e in db.Enterprises on p.EnterpriseId equals e.Id
            select e.Name).SingleOrDefaultAsync(cancellationToken);
        return enterprise is null ? null : await LinkedRequestsAsync(db, user, id, enterprise, afterId, pageSize, cancellationToken);
    }

    private static async Task<LinkedRequestsPage> LinkedRequestsAsync(
        PortalDbContext db, PortalUser user, int id, string enterprise, long? afterId, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, RequestService.MaxPageSize);
        var linked = db.ServiceRequests.VisibleTo(db, user).Where(r => r.ProjectId == id);
        if (afterId is { } after)
        {
            linked = linked.Where(r => r.Id < after);
        }
        var rows = await linked.OrderByDescending(r => r.Id)
            .Select(r => new RequestSummary(r.Id, r.Number, r.Title, r.State, r.Urgency, enterprise, r.SubmittedAt, "", default, null))
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var shown = rows.Take(pageSize).ToList();
        return new LinkedRequestsPage(shown, rows.Count > pageSize ? shown[^1].Id : null);
    }

    /// <summary>Whether this user may add projects to the enterprise and change its projects.</summary>
    public async Task<bool> MayKeepAsync(PortalUser user, int enterpriseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await KeepsAsync(db, user, enterpriseId, cancellationToken);
    }

    /// <summary>The enterprises this user may add projects to: their own, or those they are commissioner of; by name.</summary>
    public async Task<IReadOnlyList<EnterpriseChoice>> KeptEnterprisesAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enterprises = user.Role switch
        {
            Roles.Enterprise when user.EnterpriseId is { } own => db.Enterprises.Where(e => e.Id == own),
            Roles.Commissioner => db.Enterprises.Where(e => e.CommissionerUserId == user.Id),
            _ => db.Enterprises.Where(_ => false),
        };
        return await enterprises.OrderBy(e => e.Name).Select(e => new EnterpriseChoice(e.Id, e.Name)).ToListAsync(cancellationToken);
    }

    public async Task<int> CreateAsync(PortalUser user, int enterpriseId, ProjectInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await KeepsAsync(db, user, enterpriseId, cancellationToken))
        {
            throw new DomainException(ProjectRefusals.NotKeeper, "只有本企业用户和企业的服务专员可以登记项目");
        }
        var project = Project.Create(enterpriseId, input.Name, input.PlannedInvestment, input.StageDates, user.Id, time.GetUtcNow());
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project.Id;
    }

    public async Task UpdateAsync(PortalUser user, int id, int version, ProjectInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await VisibleTo(db, user).SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new ProjectNotFoundException(id);
        if (!await KeepsAsync(db, user, project.EnterpriseId, cancellationToken))
        {
            throw new DomainException(ProjectRefusals.NotKeeper, "只有本企业用户和企业的服务专员可以修改项目");
        }
        if (project.Version != version)
        {
            throw new ProjectChangedException();
        }
        project.Change(input.Name, input.PlannedInvestment, input.StageDates, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProjectChangedException();
        }
    }

    /// <summary>Which projects a user may see: their enterprise's, their enterprises' as commissioner, all for supervisors and admins.</summary>
    internal static IQueryable<Project> VisibleTo(PortalDbContext db, PortalUser user) => user.Role switch
    {
        Roles.Supervisor or Roles.Admin => db.Projects,
        Roles.Enterprise when user.EnterpriseId is { } enterprise => db.Projects.Where(p => p.EnterpriseId == enterprise),
        Roles.Commissioner => db.Projects.Where(p => db.Enterprises.Any(e => e.Id == p.EnterpriseId && e.CommissionerUserId == user.Id)),
        _ => db.Projects.Where(_ => false),
    };

    private static async Task<bool> KeepsAsync(PortalDbContext db, PortalUser user, int enterpriseId, CancellationToken cancellationToken) =>
        user.Role switch
        {
            Roles.Enterprise => user.EnterpriseId == enterpriseId,
            Roles.Commissioner => await db.Enterprises.AnyAsync(e => e.Id == enterpriseId && e.CommissionerUserId == user.Id, cancellationToken),
            _ => false,
        };
}
