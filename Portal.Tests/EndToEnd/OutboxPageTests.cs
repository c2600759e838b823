using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

/// <summary>The admin's e-mail delivery page, clicked through in Chromium.</summary>
public class OutboxPageTests
{
    [Fact]
    public async Task OutboxPage_ShowsAFailedMessageWithItsReasonAndRetryMovesItToWaiting()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        var services = portal.Services;
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            services.GetRequiredService<Outbox>().Add(db, OutboxPortal.Email(to: "bad address", subject: "诉求 YQBY-20260302-0002 即将超期"));
            await db.SaveChangesAsync();
        }
        await services.GetRequiredService<OutboxDeliveryJob>().SweepAsync(CancellationToken.None);

        await Chromium.RunAsync(nameof(OutboxPage_ShowsAFailedMessageWithItsReasonAndRetryMovesItToWaiting), async page =>
        {
            await BrowserLogin.SignInAsync(page, portal.ServerAddress, "admin@yqby.test");
            await page.GetByRole(AriaRole.Link, new() { Name = "邮件发送" }).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("邮件发送");
            var row = page.GetByTestId("outbox-row");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("诉求 YQBY-20260302-0002 即将超期");
            await Expect(row.GetByTestId("outbox-error")).ToContainTextAsync("收件人没有有效的邮箱地址");
            await Expect(row.GetByTestId("outbox-error")).ToContainTextAsync("'bad address' is not valid");

            await row.GetByRole(AriaRole.Button, new() { Name = "重新发送给 bad address 的邮件“诉求 YQBY-20260302-0002 即将超期”" }).ClickAsync();

            await Expect(page.GetByTestId("outbox-result")).ToContainTextAsync("已安排重新发送：诉求 YQBY-20260302-0002 即将超期");
            await Expect(page.GetByTestId("outbox-counts")).ToHaveTextAsync("发送失败 0 封 · 等待发送 1 封");
            await page.GetByTestId("outbox-tab-pending").ClickAsync();
            await Expect(page.GetByTestId("outbox-row")).ToContainTextAsync("0 次");
        });
    }
}
