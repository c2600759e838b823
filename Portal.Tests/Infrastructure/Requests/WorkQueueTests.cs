using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Escalation;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>
/// The staff queue: scoped as the request list, a tab of states at a time, nearest running deadline first,
/// paged by keyset without gaps or repeats, filtered by level and searched by number, title and enterprise.
/// </summary>
public class WorkQueueTests
{
    private static async Task<QueuePage> ListAsync(StagedPortal staged, string email, QueueQuery query, QueueCursor? after = null)
    {
        var user = await staged.Portal.UserAsync(email);
        await using var scope = staged.Portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkQueue>().ListAsync(user, query, after);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheQueue_ShowsEachTabInScope_NearestDeadlineFirst_PagedWithoutGapsOrRepeats(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var (dispatched, _) = await staged.StageAsync(Stage.Dispatched);
        var submitted = new List<string>();
        for (var i = 0; i < WorkQueue.PageSize + 3; i++)
        {
            submitted.Add((await staged.StageAsync(Stage.Submitted)).Number!);
        }

        var first = await ListAsync(staged, "commissioner@yqby.test", new QueueQuery(QueueTab.Submitted));
        var second = await ListAsync(staged, "commissioner@yqby.test", new QueueQuery(QueueTab.Submitted), first.Next);

        Assert.Equal(submitted, first.Rows.Concat(second.Rows).Select(r => r.Number));
        Assert.Equal(WorkQueue.PageSize, first.Rows.Count);
        Assert.Null(second.Next);
        Assert.All(first.Rows, r => Assert.Equal(DeadlineKind.Dispatch, r.NextDeadline!.Kind));
        Assert.Equal(WorkQueue.PageSize + 3, first.Counts[QueueTab.Submitted]);
        Assert.Equal(1, first.Counts[QueueTab.Dispatched]);

        // The department sees only what was dispatched to it; the other enterprise's commissioner nothing.
        var handler = await ListAsync(staged, "zrzy.handler@yqby.test", new QueueQuery(QueueTab.Dispatched));
        Assert.Equal([dispatched], handler.Rows.Select(r => r.Number));
        Assert.Equal(0, handler.Counts[QueueTab.Submitted]);
        Assert.Equal("自然资源局", handler.Rows[0].LeadDepartment);
        var outsider = await ListAsync(staged, "commissioner3@yqby.test", new QueueQuery(QueueTab.Submitted));
        Assert.Empty(outsider.Rows);
        Assert.All(outsider.Counts.Values, c => Assert.Equal(0, c));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheQueue_FiltersByLevel_AndSearchesNumberTitleAndEnterprise(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        var (early, _) = await staged.StageAsync(Stage.Submitted);
        staged.Time.Advance(TimeSpan.FromHours(1));
        var (late, _) = await staged.StageAsync(Stage.Submitted);
        // Monday 11:45: the first dispatch deadline (11:01) has passed, the second (12:02) is past its warning (11:38).
        staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 45, 0, WorkCalendar.Offset));
        await EscalationJobTests.ScanAsync(staged.Portal.Services);

        var all = await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted));
        Assert.Equal([(early!, EscalationLevel.Overdue), (late!, EscalationLevel.Warning)], all.Rows.Select(r => (r.Number, r.Level)));
        Assert.Equal([early], (await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, Level: EscalationLevel.Overdue))).Rows.Select(r => r.Number));
        Assert.Equal([late], (await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, Level: EscalationLevel.Warning))).Rows.Select(r => r.Number));
        Assert.Empty((await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, Level: EscalationLevel.OnTime))).Rows);

        Assert.Equal([late], (await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, Search: late![^4..]))).Rows.Select(r => r.Number));
        Assert.Equal(2, (await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, Search: "创普斯"))).Rows.Count);
        Assert.Equal(2, (await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, Search: "用地报批"))).Rows.Count);
        Assert.Empty((await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, Search: "盛威"))).Rows);
        Assert.Empty((await ListAsync(staged, "supervisor@yqby.test", new QueueQuery(QueueTab.Submitted, ParkId: -1))).Rows);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhatNeedsMe_IsEachRolesOwnNextStep_AndAHeadSeesTheLoadOfTheirHandlers(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        await staged.StageAsync(Stage.Submitted);
        await staged.StageAsync(Stage.Dispatched);
        await staged.StageAsync(Stage.ExtensionRequested);

        async Task<Dictionary<QueueTab, int>> NeedsAsync(string email) =>
            (await ListAsync(staged, email, new QueueQuery(QueueTab.Submitted, NeedsMe: true))).Counts.Where(c => c.Value > 0).ToDictionary();

        // To dispatch: the commissioner. Dispatched to 自然资源局 with 发改局 co-handling: both departments owe a step;
        // the extension waits for a supervisor, the signed request for its lead handler and 发改局's reply.
        Assert.Equal(new Dictionary<QueueTab, int> { [QueueTab.Submitted] = 1 }, await NeedsAsync("commissioner@yqby.test"));
        Assert.Equal(new Dictionary<QueueTab, int> { [QueueTab.Dispatched] = 1, [QueueTab.InProgress] = 1 }, await NeedsAsync("zrzy.handler@yqby.test"));
        Assert.Equal(new Dictionary<QueueTab, int> { [QueueTab.Dispatched] = 1 }, await NeedsAsync("zrzy.head@yqby.test"));
        Assert.Equal(new Dictionary<QueueTab, int> { [QueueTab.Dispatched] = 1, [QueueTab.InProgress] = 1 }, await NeedsAsync("fgj.handler@yqby.test"));
        Assert.Equal(new Dictionary<QueueTab, int> { [QueueTab.InProgress] = 1 }, await NeedsAsync("supervisor@yqby.test"));
        Assert.Empty(await NeedsAsync("swj.handler@yqby.test"));

        await using var scope = staged.Portal.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<WorkQueue>();
        var load = await queue.LoadAsync(await staged.Portal.UserAsync("zrzy.head@yqby.test"));
        Assert.Equal([("自然资源局经办人", 1, 0), ("自然资源局负责人", 0, 0)], load.Select(h => (h.Name, h.Open, h.Overdue)).OrderBy(h => h.Name, StringComparer.Ordinal));
        Assert.Empty(await queue.LoadAsync(await staged.Portal.UserAsync("zrzy.handler@yqby.test")));
    }

    /// <summary>
    /// "Needs me" narrows the user's own queue and never widens it: the commissioner's is read without the scope (it asks
    /// for their own requests), so for every staff member and every tab its rows lie in the tab's rows without it, and
    /// its counts are its rows. A request the commissioner handles directly needs them in its tab.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhatNeedsMe_LiesWithinEachStaffMembersScope_TabByTab(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        foreach (var stage in new[] { Stage.Submitted, Stage.Dispatched, Stage.InProgress, Stage.ExtensionRequested, Stage.AwaitingEnterprise, Stage.UnderReview })
        {
            await staged.StageAsync(stage);
        }
        var (direct, version) = await staged.StageAsync(Stage.Submitted);
        var commissioner = await staged.Portal.UserAsync("commissioner@yqby.test");
        await staged.Portal.RequestsAsync(s => s.HandleDirectlyAsync(commissioner, direct!, version));

        string[] staff =
        [
            "commissioner@yqby.test", "commissioner2@yqby.test", "zrzy.handler@yqby.test", "zrzy.head@yqby.test",
            "fgj.handler@yqby.test", "swj.handler@yqby.test", "cadre@yqby.test", "supervisor@yqby.test",
        ];
        var openTabs = Enum.GetValues<QueueTab>().Where(t => t != QueueTab.Closed).ToList();
        foreach (var email in staff)
        {
            foreach (var tab in openTabs)
            {
                var all = await ListAsync(staged, email, new QueueQuery(tab));
                var needs = await ListAsync(staged, email, new QueueQuery(tab, NeedsMe: true));
                Assert.Subset(all.Rows.Select(r => r.Number).ToHashSet(), needs.Rows.Select(r => r.Number).ToHashSet());
                Assert.Equal(needs.Rows.Count, needs.Counts[tab]);
                Assert.All(openTabs, t => Assert.True(needs.Counts[t] <= all.Counts[t], $"{email} {t}"));
            }
        }

        QueueTab? directTab = null;
        foreach (var tab in openTabs)
        {
            if ((await ListAsync(staged, "commissioner@yqby.test", new QueueQuery(tab))).Rows.Any(r => r.Number == direct))
            {
                directTab = tab;
            }
        }
        Assert.NotNull(directTab);
        Assert.Contains(direct, (await ListAsync(staged, "commissioner@yqby.test", new QueueQuery(directTab.Value, NeedsMe: true))).Rows.Select(r => r.Number));
        Assert.DoesNotContain(direct, (await ListAsync(staged, "commissioner2@yqby.test", new QueueQuery(directTab.Value, NeedsMe: true))).Rows.Select(r => r.Number));
    }
}
