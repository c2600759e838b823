using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Escalation;
using Portal.Tests.Infrastructure.Projects;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// The workspace's lists beside the queue: the enterprise card on a request, the supervisors' dispatch queue and
/// pending extensions, a head's undistributed count, and the request list narrowed to one enterprise and a level —
/// each in the viewer's scope, on both databases.
/// </summary>
public class WorkspaceListsTests
{
    private const string Chuangpusi = "枣庄创普斯新能源科技有限公司";

    private static async Task<T> UseAsync<TService, T>(StagedPortal staged, Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = staged.Portal.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static async Task<IReadOnlyList<DispatchQueueRow>> DispatchAsync(StagedPortal staged, PortalUser user) =>
        (await UseAsync<SupervisorDesk, DeskPage<DispatchQueueRow>>(staged, d => d.DispatchQueueAsync(user))).Rows;

    private static async Task<IReadOnlyList<PendingExtensionRow>> ExtensionsAsync(StagedPortal staged, PortalUser user) =>
        (await UseAsync<SupervisorDesk, DeskPage<PendingExtensionRow>>(staged, d => d.PendingExtensionsAsync(user))).Rows;

    private static async Task<EnterpriseCardView?> CardAsync(StagedPortal staged, string email, string number)
    {
        var user = await staged.Portal.UserAsync(email);
        return await UseAsync<EnterpriseCards, EnterpriseCardView?>(staged, c => c.ForRequestAsync(user, number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheEnterpriseCard_ShowsWhoLooksAfterIt_ItsContacts_AndOnlyWhatTheViewerMayOpen(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var (first, _) = await staged.StageAsync(Stage.Dispatched);
        var (second, _) = await staged.StageAsync(Stage.Dispatched);
        var (third, _) = await staged.StageAsync(Stage.Submitted);
        var enterprise = await staged.Portal.UserAsync("enterprise@yqby.test");
        var project = await ProjectServiceTests.ProjectsAsync(staged.Portal, s => s.CreateAsync(enterprise, enterprise.EnterpriseId!.Value, ProjectServiceTests.SecondPhase));

        var commissioners = await CardAsync(staged, "commissioner@yqby.test", first!);

        Assert.NotNull(commissioners);
        Assert.Equal((Chuangpusi, "李明", "陈建国"), (commissioners.Name, commissioners.Commissioner, commissioners.Cadre));
        var contact = Assert.Single(commissioners.Contacts);
        Assert.Equal(("刘洋", "enterprise@yqby.test"), (contact.Name, contact.Email));
        Assert.Equal([third, second], commissioners.OtherRequests.Select(r => r.Number));
        Assert.Equal([RequestState.Submitted, RequestState.Dispatched], commissioners.OtherRequests.Select(r => r.State));
        Assert.Equal(2, commissioners.OtherRequestCount);
        Assert.Equal([project], commissioners.Projects.Select(p => p.Id));

        // The lead department sees the enterprise, but of its requests only those dispatched to it, and no projects.
        var department = await CardAsync(staged, "zrzy.handler@yqby.test", first!);
        Assert.NotNull(department);
        Assert.Equal([second], department.OtherRequests.Select(r => r.Number));
        Assert.Equal(1, department.OtherRequestCount);
        Assert.Empty(department.Projects);
        Assert.Equal("陈建国", department.Cadre);
        Assert.NotNull(await CardAsync(staged, "cadre@yqby.test", third!));

        // The enterprise itself, and anyone outside the request's scope, get no card at all.
        Assert.Null(await CardAsync(staged, "enterprise@yqby.test", first!));
        Assert.Null(await CardAsync(staged, "commissioner2@yqby.test", first!));
        Assert.Null(await CardAsync(staged, "swj.handler@yqby.test", first!));
        Assert.Null(await CardAsync(staged, "zrzy.handler@yqby.test", third!));
        Assert.Null(await CardAsync(staged, "supervisor@yqby.test", "YQBY-20260302-9999"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDispatchQueue_HoldsWhatIsRoutedToNobody_AndWhatWasReturnedToTheSupervisorWhoDispatchedIt(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        // 鲁南纸业 without its commissioner: its park (临港工业园) and industry (造纸) name none either.
        await staged.Portal.QueryAsync(async db =>
        {
            var id = await db.Enterprises.Where(e => e.Name == "鲁南纸业有限公司").Select(e => e.Id).SingleAsync();
            await db.Enterprises.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.CommissionerUserId, (string?)null));
            var user = await db.Users.SingleAsync(u => u.Email == "enterprise2@yqby.test");
            user.EnterpriseId = id;
            return await db.SaveChangesAsync();
        });
        var unrouted = await RequestServiceTests.SubmitAsync(staged.Portal, "enterprise2@yqby.test");
        var (returned, version) = await staged.StageAsync(Stage.Submitted);
        var (othersOwn, _) = await staged.StageAsync(Stage.Submitted);
        var supervisor = await staged.Portal.UserAsync("supervisor@yqby.test");
        var handler = await staged.Portal.UserAsync("zrzy.handler@yqby.test");
        await staged.Portal.RequestsAsync(s => s.DispatchAsync(supervisor, returned!, version, staged.Ids.Lead));
        await staged.Portal.RequestsAsync(s => s.ReturnAsync(handler, returned!, version + 1, ReturnReason.NotOurResponsibility, "应由供电公司办理"));

        var queue = await DispatchAsync(staged, supervisor);

        Assert.Equal([unrouted, returned], queue.Select(r => r.Number));
        Assert.Null(queue[0].ReturnedBy);
        Assert.Equal(("自然资源局", ReturnReason.NotOurResponsibility, "应由供电公司办理"), (queue[1].ReturnedBy, queue[1].ReturnReason, queue[1].ReturnExplanation));
        Assert.All(queue, r => Assert.NotNull(r.DispatchDueAt));
        Assert.DoesNotContain(othersOwn, queue.Select(r => r.Number));
        Assert.Empty(await DispatchAsync(staged, await staged.Portal.UserAsync("commissioner@yqby.test")));

        // Dispatched, it leaves the queue.
        var unroutedVersion = await staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == unrouted).Select(r => r.Version).SingleAsync());
        await staged.Portal.RequestsAsync(s => s.DispatchAsync(supervisor, unrouted, unroutedVersion, staged.Ids.Lead));
        Assert.Equal([returned], (await DispatchAsync(staged, supervisor)).Select(r => r.Number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PendingExtensions_ListDaysReasonAskerAndDeadline_UntilDecided(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var (asked, version) = await staged.StageAsync(Stage.ExtensionRequested);
        await staged.StageAsync(Stage.InProgress);
        var supervisor = await staged.Portal.UserAsync("supervisor@yqby.test");

        var pending = await ExtensionsAsync(staged, supervisor);

        var row = Assert.Single(pending);
        Assert.Equal((asked, 3, "需现场踏勘", "自然资源局经办人", "自然资源局"), (row.Number, row.Days, row.Reason, row.AskedBy, row.LeadDepartment));
        var resolveDue = await staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == asked)
            .SelectMany(r => r.Deadlines).Where(d => d.Kind == DeadlineKind.Resolve && d.Status == DeadlineStatus.Open).Select(d => d.DueAt).SingleAsync());
        Assert.Equal(resolveDue, row.ResolveDueAt);
        Assert.Empty(await ExtensionsAsync(staged, await staged.Portal.UserAsync("zrzy.head@yqby.test")));

        await staged.Portal.RequestsAsync(s => s.ApproveExtensionAsync(supervisor, asked!, version, 2));
        Assert.Empty(await ExtensionsAsync(staged, supervisor));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDispatchQueue_PagesThroughEveryRowOnce_DueFirstAndThoseWithoutADeadlineLast_CountingThemAll(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var numbers = new List<string>();
        for (var i = 0; i < SupervisorDesk.PageSize + 5; i++)
        {
            numbers.Add((await staged.StageAsync(Stage.Submitted)).Number!);
        }
        // 创普斯 loses its commissioner: all its requests wait for the supervisors. Three share one dispatch deadline,
        // and most have none running, so that the first page ends among those without one.
        var ids = await IdsAsync(staged, numbers);
        var tied = ids[4];
        var shared = await staged.Portal.QueryAsync(db => DeadlinesOf(db, tied, DeadlineKind.Dispatch).Select(d => d.DueAt).SingleAsync());
        await staged.Portal.QueryAsync(async db =>
        {
            await db.ServiceRequests.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(u => u.SetProperty(r => r.CommissionerUserId, (string?)null));
            await db.Set<RequestDeadline>().Where(d => (EF.Property<long>(d, "RequestId") == ids[1] || EF.Property<long>(d, "RequestId") == ids[7])
                && d.Kind == DeadlineKind.Dispatch).ExecuteUpdateAsync(u => u.SetProperty(d => d.DueAt, shared));
            return await db.Set<RequestDeadline>().Where(d => ids.Skip(10).Contains(EF.Property<long>(d, "RequestId")) && d.Kind == DeadlineKind.Dispatch)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeadlineStatus.Met));
        });
        var supervisor = await staged.Portal.UserAsync("supervisor@yqby.test");

        var pages = await PagesAsync(staged, (d, after) => d.DispatchQueueAsync(supervisor, after));

        // Due first (the tied three by id), then the 25 without a running dispatch deadline by id.
        var dues = await staged.Portal.QueryAsync(db => db.Set<RequestDeadline>()
            .Where(d => ids.Contains(EF.Property<long>(d, "RequestId")) && d.Kind == DeadlineKind.Dispatch && d.Status == DeadlineStatus.Open)
            .Select(d => new { RequestId = EF.Property<long>(d, "RequestId"), d.DueAt }).ToListAsync());
        var expected = ids.OrderBy(id => dues.All(d => d.RequestId != id)).ThenBy(id => dues.SingleOrDefault(d => d.RequestId == id)?.DueAt).ThenBy(id => id).ToList();
        Assert.Equal([ids[0], ids[2], ids[3], ids[1], ids[4], ids[7]], expected.Take(6));
        Assert.Equal(expected, pages.SelectMany(p => p.Rows).Select(r => r.Id));
        Assert.Equal([SupervisorDesk.PageSize, 5], pages.Select(p => p.Rows.Count));
        Assert.All(pages, p => Assert.Equal(numbers.Count, p.Total));
        Assert.Null(pages[0].Next!.NextDueAt);
        Assert.All(pages.SelectMany(p => p.Rows).Skip(10), r => Assert.Null(r.DispatchDueAt));
        var commissioner = await staged.Portal.UserAsync("commissioner@yqby.test");
        Assert.Equal(DeskPage<DispatchQueueRow>.Empty, await UseAsync<SupervisorDesk, DeskPage<DispatchQueueRow>>(staged, d => d.DispatchQueueAsync(commissioner)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PendingExtensions_PageThroughEveryRowOnce_EvenWhereAPageEndsAmongEquallyDueOnes_CountingThemAll(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var numbers = new List<string>();
        for (var i = 0; i < SupervisorDesk.PageSize + 3; i++)
        {
            numbers.Add((await staged.StageAsync(Stage.ExtensionRequested)).Number!);
        }
        await staged.StageAsync(Stage.InProgress);
        // The resolve deadlines run in the order asked; the 28th to the 32nd share one, across the end of the first page,
        // and the 3rd has none running.
        var ids = await IdsAsync(staged, numbers);
        var tie = ids.Skip(27).Take(5).ToList();
        var shared = await staged.Portal.QueryAsync(db => DeadlinesOf(db, tie[0], DeadlineKind.Resolve).Select(d => d.DueAt).SingleAsync());
        await staged.Portal.QueryAsync(async db =>
        {
            await db.Set<RequestDeadline>().Where(d => tie.Contains(EF.Property<long>(d, "RequestId")) && d.Kind == DeadlineKind.Resolve)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.DueAt, shared));
            return await db.Set<RequestDeadline>().Where(d => EF.Property<long>(d, "RequestId") == ids[2] && d.Kind == DeadlineKind.Resolve)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeadlineStatus.Met));
        });
        var supervisor = await staged.Portal.UserAsync("supervisor@yqby.test");

        var pages = await PagesAsync(staged, (d, after) => d.PendingExtensionsAsync(supervisor, after));

        Assert.Equal([.. ids.Where(id => id != ids[2]), ids[2]], pages.SelectMany(p => p.Rows).Select(r => r.Id));
        Assert.Equal([SupervisorDesk.PageSize, 3], pages.Select(p => p.Rows.Count));
        Assert.Equal(new QueueCursor(shared, tie[3]), pages[0].Next);
        Assert.All(pages, p => Assert.Equal(numbers.Count, p.Total));
        Assert.Equal(shared, pages[1].Rows[0].ResolveDueAt);
        Assert.Null(pages[1].Rows[^1].ResolveDueAt);
        var head = await staged.Portal.UserAsync("zrzy.head@yqby.test");
        Assert.Equal(DeskPage<PendingExtensionRow>.Empty, await UseAsync<SupervisorDesk, DeskPage<PendingExtensionRow>>(staged, d => d.PendingExtensionsAsync(head)));
    }

    private static Task<List<long>> IdsAsync(StagedPortal staged, List<string> numbers) =>
        staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => numbers.Contains(r.Number)).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());

    private static IQueryable<RequestDeadline> DeadlinesOf(PortalDbContext db, long requestId, DeadlineKind kind) =>
        db.Set<RequestDeadline>().Where(d => EF.Property<long>(d, "RequestId") == requestId && d.Kind == kind && d.Status == DeadlineStatus.Open);

    /// <summary>Every page of a desk list, each after the last one's cursor, until one says it is the last.</summary>
    private static async Task<List<DeskPage<TRow>>> PagesAsync<TRow>(StagedPortal staged, Func<SupervisorDesk, QueueCursor?, Task<DeskPage<TRow>>> list)
    {
        var pages = new List<DeskPage<TRow>> { await UseAsync<SupervisorDesk, DeskPage<TRow>>(staged, d => list(d, null)) };
        while (pages[^1].Next is { } after && pages.Count < 10)
        {
            pages.Add(await UseAsync<SupervisorDesk, DeskPage<TRow>>(staged, d => list(d, after)));
        }
        return pages;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AHead_SeesHowManyOfTheDepartmentsRequestsHaveNoHandler(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var (waiting, _) = await staged.StageAsync(Stage.Dispatched);
        await staged.StageAsync(Stage.Dispatched);
        await staged.StageAsync(Stage.InProgress);
        var head = await staged.Portal.UserAsync("zrzy.head@yqby.test");

        Assert.Equal(2, await UseAsync<WorkQueue, int?>(staged, q => q.UndistributedAsync(head)));

        var version = await staged.Portal.QueryAsync(db => db.ServiceRequests.Where(r => r.Number == waiting).Select(r => r.Version).SingleAsync());
        await staged.Portal.RequestsAsync(s => s.DistributeAsync(head, waiting!, version, staged.Ids.LeadHandler));
        Assert.Equal(1, await UseAsync<WorkQueue, int?>(staged, q => q.UndistributedAsync(head)));
        Assert.Null(await UseAsync<WorkQueue, int?>(staged, async q => await q.UndistributedAsync(await staged.Portal.UserAsync("zrzy.handler@yqby.test"))));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheRequestList_NarrowsToOneEnterprise_AndToAnOpenLevel_WithinTheViewersScope(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var (early, _) = await staged.StageAsync(Stage.Submitted);
        staged.Time.Advance(TimeSpan.FromHours(1));
        var (late, _) = await staged.StageAsync(Stage.Submitted);
        var other = await RequestServiceTests.SubmitAsync(staged.Portal, "enterprise2@yqby.test");
        // Monday 11:45: the first dispatch deadline has passed, the second is past its warning.
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 45, 0, WorkCalendar.Offset));
        await EscalationJobTests.ScanAsync(staged.Portal.Services);
        var chuangpusi = staged.Ids.Enterprise;

        async Task<List<string>> ListAsync(string email, RequestListQuery query)
        {
            var user = await staged.Portal.UserAsync(email);
            return [.. (await staged.Portal.RequestsAsync(s => s.ListAsync(user, query, pageSize: 50))).Items.Select(r => r.Number)];
        }

        Assert.Equal([late!, early!], await ListAsync("cadre@yqby.test", new RequestListQuery(EnterpriseId: chuangpusi)));
        Assert.Equal([early!], await ListAsync("cadre@yqby.test", new RequestListQuery(EnterpriseId: chuangpusi, Level: EscalationLevel.Overdue)));
        Assert.Equal([late!], await ListAsync("cadre@yqby.test", new RequestListQuery(EnterpriseId: chuangpusi, Level: EscalationLevel.Warning)));
        Assert.Empty(await ListAsync("cadre@yqby.test", new RequestListQuery(EnterpriseId: chuangpusi, Level: EscalationLevel.SeverelyOverdue)));
        Assert.Equal([other], await ListAsync("supervisor@yqby.test", new RequestListQuery(EnterpriseId: (await staged.Portal.UserAsync("enterprise2@yqby.test")).EnterpriseId)));
        // Another enterprise's id narrows nothing open to an enterprise user or an outsider: their scope still holds.
        Assert.Empty(await ListAsync("enterprise2@yqby.test", new RequestListQuery(EnterpriseId: chuangpusi)));
        Assert.Empty(await ListAsync("cadre2@yqby.test", new RequestListQuery(EnterpriseId: chuangpusi)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ASupervisor_ReassignsARequestInAnyOpenStage_AndItMovesToTheNewCommissionersQueue(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var supervisor = await staged.Portal.UserAsync("supervisor@yqby.test");
        var other = await staged.Portal.UserAsync("commissioner2@yqby.test");

        foreach (var (stage, tab) in new[] { (Stage.Submitted, QueueTab.Submitted), (Stage.InProgress, QueueTab.InProgress), (Stage.AwaitingEnterprise, QueueTab.AwaitingEnterprise) })
        {
            var (number, version) = await staged.StageAsync(stage);
            Assert.Empty((await UseAsync<WorkQueue, QueuePage>(staged, q => q.ListAsync(other, new QueueQuery(tab, Search: number)))).Rows);

            await staged.Portal.RequestsAsync(s => s.ReassignAsync(supervisor, number!, version, other.Id));

            var queue = await UseAsync<WorkQueue, QueuePage>(staged, q => q.ListAsync(other, new QueueQuery(tab, Search: number)));
            Assert.Equal([number], queue.Rows.Select(r => r.Number));
            Assert.Equal("王芳", (await staged.Portal.RequestsAsync(s => s.GetAsync(other, number!)))!.CommissionerName);
        }
    }
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reassign_ToADeactivatedCommissioner_IsRefusedAndTheRequestStaysWhereItWas(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var supervisor = await staged.Portal.UserAsync("supervisor@yqby.test");
        var leaving = await staged.Portal.UserAsync("commissioner2@yqby.test");
        var (number, version) = await staged.StageAsync(Stage.InProgress);
        await staged.Portal.QueryAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == leaving.Id)).Deactivate(staged.Time.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        var refused = await Assert.ThrowsAsync<DomainException>(() => staged.Portal.RequestsAsync(s => s.ReassignAsync(supervisor, number!, version, leaving.Id)));

        Assert.Equal(RequestRefusals.CommissionerDeactivated, refused.Code);
        Assert.Equal(new object[] { "王芳" }, refused.Arguments);
        var details = (await staged.Portal.RequestsAsync(s => s.GetAsync(supervisor, number!)))!;
        Assert.Equal("李明", details.CommissionerName);
        Assert.Equal(version, details.Version);
    }
}
