using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Notifications;

/// <summary>Delivery to the pickup folder (no SMTP host set), on both providers.</summary>
public class OutboxDeliveryTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sweep_WritesOneFileNamedByTheOutboxIdWithBothPartsAndMarksTheRowDelivered(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email()));

        var run = await portal.Job().SweepAsync(CancellationToken.None);

        Assert.Equal(new DeliveryRun(1, 0, 0, 0), run);
        var file = Assert.Single(portal.AllFiles());
        Assert.Equal($"{id}.eml", Path.GetFileName(file));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal($"{id}@yqby.local", mail.MessageId);
        Assert.Equal("诉求已受理 / Request accepted", mail.Subject);
        Assert.Equal("刘洋", mail.To.Mailboxes.Single().Name);
        Assert.Contains("您的诉求已受理。", mail.TextBody);
        Assert.Contains("<p>您的诉求已受理。</p>", mail.HtmlBody);
        Assert.Equal("Request.Accepted", mail.Headers["X-Portal-Event"]);
        var row = await portal.RowAsync(id);
        Assert.Equal(OutboxState.Delivered, row.State);
        Assert.Equal(1, row.AttemptCount);
        Assert.Equal(portal.Time.GetUtcNow(), row.DeliveredAt);
        Assert.Null(row.ClaimedBy);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Deliver_ToAUserWithoutAnAddress_FailsTheRowAtOnceWithTheReasonAndGoesOnWithTheOthers(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var ids = await portal.WriteAsync(OutboxPortal.Email(to: null), OutboxPortal.Email(to: "enterprise2@yqby.test"));

        var run = await portal.Job().DeliverAsync(ids, CancellationToken.None);

        Assert.Equal(new DeliveryRun(1, 0, 1, 0), run);
        var failed = await portal.RowAsync(ids[0]);
        Assert.Equal(OutboxState.Failed, failed.State);
        Assert.Equal(OutboxProblem.NoAddress, failed.LastProblem);
        Assert.Equal("The recipient has no e-mail address.", failed.LastError);
        Assert.Equal(1, failed.AttemptCount);
        Assert.Equal(OutboxState.Delivered, (await portal.RowAsync(ids[1])).State);
        Assert.Single(portal.AllFiles());

        portal.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await portal.Job().SweepAsync(CancellationToken.None)).Attempted);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Deliver_AfterAWorkerDiedBetweenWritingTheFileAndRecordingIt_DoesNotWriteASecondFile(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email()));

        // The first worker takes the row and writes its file exactly as a delivery does, then dies
        // before recording the outcome: the row stays claimed and pending.
        var dying = portal.Job();
        var claim = await dying.ClaimAsync([id], CancellationToken.None);
        Assert.Equal([id], claim.Ids);
        await using (var session = portal.Services.GetRequiredService<MailTransport>().Open())
        {
            var sent = await session.SendAsync(id, OutboxMime.Build(await portal.RowAsync(id), portal.Options), CancellationToken.None);
            Assert.Equal(SendResult.Sent, sent);
        }
        var restarted = portal.AnotherNode();

        Assert.Equal(0, (await portal.Job(restarted).SweepAsync(CancellationToken.None)).Attempted);
        portal.Time.Advance(portal.Options.ClaimTimeout + TimeSpan.FromSeconds(1));
        var run = await portal.Job(restarted).SweepAsync(CancellationToken.None);

        Assert.Equal(new DeliveryRun(0, 1, 0, 0), run);
        var file = Assert.Single(portal.AllFiles());
        Assert.Equal($"{id}.eml", Path.GetFileName(file));
        var row = await portal.RowAsync(id);
        Assert.Equal(OutboxState.Delivered, row.State);
        Assert.Equal(1, row.AttemptCount);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Deliver_AfterAWorkerDiedBeforeSending_SendsOnceWhenItsClaimEnds(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email()));
        Assert.Equal([id], (await portal.Job().ClaimAsync(null, CancellationToken.None)).Ids);
        var restarted = portal.AnotherNode();

        portal.Time.Advance(portal.Options.ClaimTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await portal.Job(restarted).DeliverAsync([id], CancellationToken.None)).Attempted);
        Assert.Empty(portal.AllFiles());

        portal.Time.Advance(TimeSpan.FromSeconds(2));
        var run = await portal.Job(restarted).SweepAsync(CancellationToken.None);
        var again = await portal.Job(restarted).SweepAsync(CancellationToken.None);

        Assert.Equal(new DeliveryRun(1, 0, 0, 0), run);
        Assert.Equal(0, again.Attempted);
        Assert.Equal($"{id}.eml", Path.GetFileName(Assert.Single(portal.AllFiles())));
        Assert.Equal(OutboxState.Delivered, (await portal.RowAsync(id)).State);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeliverClaimed_AfterTheClaimExpiredAndAnotherWorkerTookTheRow_LeavesItToThatWorker(DatabaseProvider provider)
    {
        await using var portal = await OutboxPortal.CreateAsync(provider);
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email()));
        var slow = await portal.Job().ClaimAsync([id], CancellationToken.None);
        portal.Time.Advance(portal.Options.ClaimTimeout + TimeSpan.FromSeconds(1));
        var other = portal.AnotherNode();
        var taken = await portal.Job(other).ClaimAsync([id], CancellationToken.None);
        Assert.Equal([id], taken.Ids);

        var late = await portal.Job().DeliverClaimedAsync(slow, CancellationToken.None);
        var current = await portal.Job(other).DeliverClaimedAsync(taken, CancellationToken.None);

        Assert.Equal(0, late.Attempted);
        Assert.Equal(new DeliveryRun(1, 0, 0, 0), current);
        Assert.Single(portal.AllFiles());
        Assert.Equal(1, (await portal.RowAsync(id)).AttemptCount);
    }

    [Fact]
    public async Task TwoWorkers_OverAThousandRowsOnPostgres_DeliverEveryRowExactlyOnce()
    {
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Postgres, new Dictionary<string, string?> { ["Email:BatchSize"] = "10" });
        var ids = await portal.WriteAsync([.. Enumerable.Range(1, 1000).Select(i => OutboxPortal.Email(to: $"user{i}@yqby.test", subject: $"第 {i} 封"))]);
        var workers = new[] { portal.AnotherNode(), portal.AnotherNode() };

        var runs = await Task.WhenAll(workers.Select(node => Task.Run(async () =>
        {
            var total = DeliveryRun.None;
            DeliveryRun run;
            do
            {
                run = await portal.Job(node).SweepAsync(CancellationToken.None);
                total = total.Add(run);
            }
            while (run.Attempted > 0);
            return total;
        })));

        Assert.All(runs, run => Assert.True(run.Delivered > 0, "both workers took part"));
        Assert.Equal(1000, runs.Sum(r => r.Delivered));
        Assert.Equal(0, runs.Sum(r => r.AlreadyThere + r.Failed + r.LostClaims));
        var files = portal.AllFiles().Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(ids.Select(id => $"{id}.eml").Order().ToArray(), files);
        var rows = await portal.RowsAsync();
        Assert.All(rows, row =>
        {
            Assert.Equal(OutboxState.Delivered, row.State);
            Assert.Equal(1, row.AttemptCount);
        });
    }
}
