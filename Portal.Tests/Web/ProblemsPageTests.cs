using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;

namespace Portal.Tests.Web;

/// <summary>The problems page (问题处理): a failed notification retried from it reaches the real SMTP server, and the retry is in the audit log.</summary>
public class ProblemsPageTests : ComponentTest
{
    [Fact]
    public async Task Retry_AFailedNotificationFromTheProblemsPage_SendsItBySmtpAndIsAudited()
    {
        // The SMTP server is out of reach at first, and one attempt is all a message gets: it fails.
        await using var relay = new TcpRelay(Smtp4dev.SmtpPort);
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:Timeout"] = "00:00:10",
            ["Email:MaxAttempts"] = "1",
        });
        var to = Smtp4dev.NewAddress("problems");
        var id = Assert.Single(await portal.WriteAsync(OutboxPortal.Email(to: to, subject: "诉求已超期 / Request overdue")));
        await portal.Job().SweepAsync(CancellationToken.None);
        Assert.Equal(OutboxState.Failed, (await portal.RowAsync(id)).State);
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<OutboxAdministration>());
        Services.AddSingleton(portal.Services.GetRequiredService<RoutingProblems>());
        SignInAs(OutboxPortal.Admin, "admin@example.cn");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<ProblemsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='problems-notifications'] [data-testid='outbox-row']")));
        Assert.Equal("问题处理", page.Find("h1").TextContent);
        Assert.NotNull(page.Find("[data-testid='routing-problems-none']"));
        Assert.Empty(page.FindAll("[data-testid='outbox-tab-pending']"));
        relay.Start();

        page.Find($"[data-id='{id}'] [data-testid='outbox-retry']").Click();

        page.WaitForAssertion(() => Assert.Contains("已安排重新发送：诉求已超期 / Request overdue", page.Find("[data-testid='outbox-result']").TextContent));
        Assert.Equal(new DeliveryRun(1, 0, 0, 0), await portal.Job().SweepAsync(CancellationToken.None));
        var mail = Assert.Single(await Smtp4dev.WaitForAsync([to]));
        Assert.Equal("诉求已超期 / Request overdue", mail.Subject);
        Assert.Equal(OutboxState.Delivered, (await portal.RowAsync(id)).State);
        var entry = Assert.Single((await portal.Services.GetRequiredService<AuditLog>()
            .SearchAsync(OutboxPortal.Admin, new AuditQuery(Kind: AuditKinds.OutboxMessageRetried), null)).Rows);
        Assert.Equal("诉求已超期 / Request overdue", entry.SubjectLabel);
        Assert.Contains("\"State\":\"Failed\"", entry.Before);
        Assert.Contains("\"AttemptCount\":1", entry.Before);
        Assert.Contains("\"State\":\"Pending\"", entry.After);
        Assert.Contains("\"AttemptCount\":0", entry.After);
    }
}
