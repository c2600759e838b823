using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Notifications;

public class OutboxAdministrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task List_PageByPage_ReturnsEveryFailedRowOnceNewestFirst(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs written at the same instant: the id breaks the tie.
            ids.AddRange(await portal.WriteAsync(OutboxPortal.Email(to: null), OutboxPortal.Email(to: null)));
            portal.Time.Advance(TimeSpan.FromSeconds(i % 2 == 0 ? 0.5 : 3));
        }
        await portal.WriteAsync(OutboxPortal.Email());
        await portal.Job().SweepAsync(CancellationToken.None);

        var seen = new List<OutboxRow>();
        OutboxCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await portal.AdministrationAsync(admin => admin.ListAsync(OutboxPortal.Admin, OutboxState.Failed, cursor, pageSize: 4));
            seen.AddRange(page.Rows);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(ids.Order(), seen.Select(r => r.Id).Order());
        Assert.Equal(seen.Count, seen.Select(r => r.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(r => r.CreatedAt).Select(r => r.CreatedAt), seen.Select(r => r.CreatedAt));
        Assert.All(seen, r => Assert.Equal(OutboxProblem.NoAddress, r.LastProblem));
        Assert.Equal(new OutboxCounts(14, 0), await portal.AdministrationAsync(admin => admin.CountAsync(OutboxPortal.Admin)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Retry_AFailedRow_DeliversItAtTheNextRun(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider, new Dictionary<string, string?> { ["Email:PickupDirectory"] = "/proc/outbox-cannot-be-here" });
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email()));
        var broken = portal.Job();
        await broken.SweepAsync(CancellationToken.None);
        Assert.Equal(OutboxProblem.PickupFolderUnwritable, (await portal.RowAsync(id)).LastProblem);

        var fixedNode = portal.AnotherNode(new Dictionary<string, string?> { ["Email:PickupDirectory"] = portal.PickupDirectory });
        Assert.Equal(0, (await portal.Job(fixedNode).SweepAsync(CancellationToken.None)).Attempted);
        var outcome = await portal.AdministrationAsync(admin => admin.RetryAsync(OutboxPortal.Admin, id));
        var run = await portal.Job(fixedNode).SweepAsync(CancellationToken.None);

        Assert.Equal(OutboxRetryOutcome.Retried, outcome);
        Assert.Equal(new DeliveryRun(1, 0, 0, 0), run);
        Assert.Equal(OutboxState.Delivered, (await portal.RowAsync(id)).State);
        Assert.Equal(OutboxRetryOutcome.AlreadyDelivered, await portal.AdministrationAsync(admin => admin.RetryAsync(OutboxPortal.Admin, id)));
        Assert.Equal(OutboxRetryOutcome.NotFound, await portal.AdministrationAsync(admin => admin.RetryAsync(OutboxPortal.Admin, Guid.NewGuid())));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RetryAllFailed_PutsEveryFailedRowBackWithFreshAttemptsAndLeavesDeliveredOnes(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var ids = await portal.WriteAsync(OutboxPortal.Email(to: null), OutboxPortal.Email(to: "not an address"), OutboxPortal.Email());
        await portal.Job().SweepAsync(CancellationToken.None);
        Assert.Equal(OutboxProblem.NoAddress, (await portal.RowAsync(ids[1])).LastProblem);
        Assert.Contains("'not an address' is not valid", (await portal.RowAsync(ids[1])).LastError);
        portal.Time.Advance(TimeSpan.FromMinutes(5));

        var count = await portal.AdministrationAsync(admin => admin.RetryAllFailedAsync(OutboxPortal.Admin));

        Assert.Equal(2, count);
        foreach (var id in ids[..2])
        {
            var row = await portal.RowAsync(id);
            Assert.Equal(OutboxState.Pending, row.State);
            Assert.Equal(0, row.AttemptCount);
            Assert.Equal(portal.Time.GetUtcNow(), row.NextAttemptAt);
        }
        Assert.Equal(OutboxState.Delivered, (await portal.RowAsync(ids[2])).State);
        Assert.Equal(new OutboxCounts(0, 2), await portal.AdministrationAsync(admin => admin.CountAsync(OutboxPortal.Admin)));
    }
}
