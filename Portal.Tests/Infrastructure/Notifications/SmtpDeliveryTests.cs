using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Notifications;

/// <summary>Delivery by SMTP through MailKit to the smtp4dev server that ./test.sh starts.</summary>
public class SmtpDeliveryTests
{
    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:Timeout"] = "00:00:10",
    };

    [Fact]
    public async Task Sweep_ByOverSmtp_AChineseMessageArrivesWithItsSubjectBothPartsAndTheOutboxIdAsMessageId()
    {
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite, Smtp(Smtp4dev.SmtpPort));
        var to = Smtp4dev.NewAddress();
        var id = Assert.Single(await portal.WriteAsync(new OutgoingEmail(
            "user-1", to, "刘洋", "诉求 YQBY-20260302-0001 已派单至自然资源局",
            "刘洋，您好：\n您的诉求“厂区用地手续办理”已派单至自然资源局，签收期限为 2026年3月3日 17:30。",
            "<p>刘洋，您好：</p><p>您的诉求<strong>“厂区用地手续办理”</strong>已派单至自然资源局。</p>",
            "Request.Dispatched", "YQBY-20260302-0001")));

        var run = await portal.Job().SweepAsync(CancellationToken.None);

        Assert.Equal(new DeliveryRun(1, 0, 0, 0), run);
        var mail = Assert.Single(await Smtp4dev.WaitForAsync([to]));
        Assert.Equal("诉求 YQBY-20260302-0001 已派单至自然资源局", mail.Subject);
        Assert.Equal($"<{id}@yqby.local>", mail.Headers["Message-ID"]);
        Assert.Contains("您的诉求“厂区用地手续办理”已派单至自然资源局，签收期限为 2026年3月3日 17:30。", mail.Text);
        Assert.Contains("<strong>“厂区用地手续办理”</strong>已派单至自然资源局", mail.Html);
        Assert.Equal("YQBY-20260302-0001", mail.Headers["X-Portal-Request"]);
        Assert.Equal(OutboxState.Delivered, (await portal.RowAsync(id)).State);
    }

    [Fact]
    public async Task Sweep_WhileTheServerIsDown_WaitsAndRetriesWithGrowingDelaysAndDeliversEachWhenItIsBack()
    {
        await using var relay = new TcpRelay(Smtp4dev.SmtpPort);
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite, Smtp(relay.Port));
        string[] to = [Smtp4dev.NewAddress("a"), Smtp4dev.NewAddress("b")];
        var ids = await portal.WriteAsync([.. to.Select(address => OutboxPortal.Email(to: address))]);
        var start = portal.Time.GetUtcNow();

        var first = await portal.Job().SweepAsync(CancellationToken.None);
        var tooEarly = await portal.Job().SweepAsync(CancellationToken.None);
        portal.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await portal.Job().SweepAsync(CancellationToken.None);

        Assert.Equal(new DeliveryRun(0, 0, 2, 0), first);
        Assert.Equal(0, tooEarly.Attempted);
        Assert.Equal(new DeliveryRun(0, 0, 2, 0), second);
        foreach (var id in ids)
        {
            var row = await portal.RowAsync(id);
            Assert.Equal(OutboxState.Pending, row.State);
            Assert.Equal(2, row.AttemptCount);
            Assert.Equal(OutboxProblem.ServerUnreachable, row.LastProblem);
            Assert.Contains($"127.0.0.1:{relay.Port} cannot be reached", row.LastError);
            Assert.Equal(start + TimeSpan.FromMinutes(1) + TimeSpan.FromMinutes(2), row.NextAttemptAt);
        }
        var waiting = await portal.AdministrationAsync(admin => admin.ListAsync(OutboxPortal.Admin, OutboxState.Pending, null));
        Assert.Equal(ids.Order(), waiting.Rows.Select(r => r.Id).Order());
        Assert.All(waiting.Rows, r => Assert.Equal(2, r.AttemptCount));
        Assert.Equal(0, await Smtp4dev.CountAsync(to[0]));

        relay.Start();
        portal.Time.Advance(TimeSpan.FromMinutes(2));
        var third = await portal.Job().SweepAsync(CancellationToken.None);

        Assert.Equal(new DeliveryRun(2, 0, 0, 0), third);
        var received = await Smtp4dev.WaitForAsync(to);
        Assert.Equal(ids.Select(id => $"<{id}@yqby.local>"), received.Select(m => m.Headers["Message-ID"]));
        foreach (var id in ids)
        {
            var row = await portal.RowAsync(id);
            Assert.Equal(OutboxState.Delivered, row.State);
            Assert.Equal(3, row.AttemptCount);
        }
        Assert.Equal(1, await Smtp4dev.CountAsync(to[0]));
    }

    [Fact]
    public async Task Sweep_WhenTheServerStaysDown_FailsTheRowAfterTheLastAttemptWithItsError()
    {
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>(Smtp(TcpRelay.FreePort()))
        {
            ["Email:MaxAttempts"] = "3",
            ["Email:RetryBaseDelay"] = "00:00:10",
        });
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email()));

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await portal.Job().SweepAsync(CancellationToken.None);
            portal.Time.Advance(TimeSpan.FromMinutes(10));
        }

        var row = await portal.RowAsync(id);
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.Equal(3, row.AttemptCount);
        Assert.Equal(OutboxProblem.ServerUnreachable, row.LastProblem);
        var failed = await portal.AdministrationAsync(admin => admin.ListAsync(OutboxPortal.Admin, OutboxState.Failed, null));
        Assert.Equal(id, Assert.Single(failed.Rows).Id);
    }

    [Fact]
    public async Task Sweep_WhenTheServerRefusesTheRecipient_FailsTheRowAtOnceWithTheServersReply()
    {
        await using var server = new RefusingSmtpServer();
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite, Smtp(server.Port));
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email(to: "nobody@refusing.test")));

        var run = await portal.Job().SweepAsync(CancellationToken.None);

        Assert.Equal(new DeliveryRun(0, 0, 1, 0), run);
        Assert.Equal(1, server.RecipientsRefused);
        var row = await portal.RowAsync(id);
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.Equal(1, row.AttemptCount);
        Assert.Equal(OutboxProblem.RecipientRejected, row.LastProblem);
        Assert.Contains("refused the recipient nobody@refusing.test: 550", row.LastError);
        Assert.Contains("No such user here", row.LastError);
    }
}
