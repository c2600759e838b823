using System.Net;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;

namespace Portal.Tests.Web;

/// <summary>The admin's outbox page over HTTP: who may see it, and what an admin sees.</summary>
public class OutboxPageAccessTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task Outbox_ForAnAnonymousVisitor_RedirectsToTheLoginPage()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync("/admin/outbox");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=%2Fadmin%2Foutbox", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("enterprise@yqby.test", Roles.Enterprise)]
    [InlineData("commissioner@yqby.test", Roles.Commissioner)]
    [InlineData("supervisor@yqby.test", Roles.Supervisor)]
    public async Task Outbox_ForAnyRoleButAdmin_IsForbidden(string email, string role)
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, email);

        using var response = await client.GetAsync("/admin/outbox");

        Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{role} got {(int)response.StatusCode}");
        Assert.DoesNotContain("outbox-row", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Outbox_ForAnAdmin_ListsAFailedMessageWithItsReasonAndAttempts()
    {
        var services = host.Factory.Services;
        Guid id;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            id = services.GetRequiredService<Outbox>().Add(db, OutboxPortal.Email(to: null, subject: "无邮箱用户的通知"));
            await db.SaveChangesAsync();
        }
        await services.GetRequiredService<OutboxDeliveryJob>().DeliverAsync([id], CancellationToken.None);
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "admin@yqby.test");

        using var response = await client.GetAsync("/admin/outbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1", html);
        Assert.Contains("邮件发送", html);
        Assert.Contains($"data-id=\"{id}\"", html);
        Assert.Contains("无邮箱用户的通知", html);
        Assert.Contains("收件人没有有效的邮箱地址", html);
        Assert.Contains("（无邮箱地址）", html);
        Assert.Contains("1 次", html);
    }
}

/// <summary>The page clicked through with bUnit, on a real database: retry one, retry all.</summary>
public class OutboxPageTests : ComponentTest
{
    [Fact]
    public async Task Retry_OneThenAll_MovesTheFailedMessagesBackToWaitingAndTheyAreDelivered()
    {
        // The pickup folder cannot be written at first, and one attempt is all a message gets.
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Email:PickupDirectory"] = "/proc/outbox-cannot-be-here",
            ["Email:MaxAttempts"] = "1",
        });
        var ids = await portal.WriteAsync(OutboxPortal.Email(subject: "第一封"), OutboxPortal.Email(subject: "第二封"), OutboxPortal.Email(subject: "第三封"));
        await portal.Job().SweepAsync(CancellationToken.None);
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<OutboxAdministration>());
        SignInAs(OutboxPortal.Admin, "admin@example.cn");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<OutboxPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid='outbox-row']").Count));
        Assert.Equal("发送失败 3 封 · 等待发送 0 封", page.Find("[data-testid='outbox-counts']").TextContent);
        Assert.All(page.FindAll("[data-testid='outbox-error']"), cell => Assert.Contains("无法写入邮件投递目录", cell.TextContent));
        Assert.All(page.FindAll("[data-testid='outbox-attempts']"), cell => Assert.Equal("1 次", cell.TextContent.Trim()));

        page.Find($"[data-id='{ids[1]}'] [data-testid='outbox-retry']").Click();

        page.WaitForAssertion(() => Assert.Contains("已安排重新发送：第二封", page.Find("[data-testid='outbox-result']").TextContent));
        Assert.Equal("发送失败 2 封 · 等待发送 1 封", page.Find("[data-testid='outbox-counts']").TextContent);
        Assert.Empty(page.FindAll($"[data-id='{ids[1]}']"));

        page.Find("[data-testid='outbox-retry-all']").Click();

        page.WaitForAssertion(() => Assert.Contains("已安排重新发送 2 封失败的邮件。", page.Find("[data-testid='outbox-result']").TextContent));
        Assert.Equal("发送失败 0 封 · 等待发送 3 封", page.Find("[data-testid='outbox-counts']").TextContent);
        Assert.Equal("没有发送失败的邮件。", page.Find("[data-testid='outbox-empty']").TextContent.Trim());

        var fixedNode = portal.AnotherNode(new Dictionary<string, string?> { ["Email:PickupDirectory"] = portal.PickupDirectory });
        var run = await portal.Job(fixedNode).SweepAsync(CancellationToken.None);
        Assert.Equal(new DeliveryRun(3, 0, 0, 0), run);
        Assert.Equal(ids.Select(id => $"{id}.eml").Order(), portal.AllFiles().Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Render_InEnglish_NamesTheProblemInEnglish()
    {
        UseCulture(Portal.Web.Shared.PortalCulture.English);
        await using var portal = await OutboxPortal.CreateAsync(DatabaseProvider.Sqlite);
        await portal.WriteAsync(OutboxPortal.Email(to: null));
        await portal.Job().SweepAsync(CancellationToken.None);
        Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<OutboxAdministration>());
        SignInAs(OutboxPortal.Admin, "admin@example.cn");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<OutboxPage>();

        page.WaitForAssertion(() => Assert.Contains("The recipient has no valid e-mail address", page.Find("[data-testid='outbox-error']").TextContent));
        Assert.Equal("1 failed · 0 waiting", page.Find("[data-testid='outbox-counts']").TextContent);
        Assert.Contains("(no e-mail address)", page.Find("[data-testid='outbox-row']").TextContent);
    }
}
