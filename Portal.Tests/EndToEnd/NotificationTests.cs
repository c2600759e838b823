using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

public class NotificationTests(BrowserPortalHost host) : IClassFixture<BrowserPortalHost>
{
    [Fact]
    public async Task ANewRequest_RingsTheCommissionersBellLive_AndTheListLeadsToIt()
    {
        await Chromium.RunAsync(nameof(ANewRequest_RingsTheCommissionersBellLive_AndTheListLeadsToIt), async page =>
        {
            await BrowserLogin.SignInAsync(page, host.Factory.ServerAddress, "commissioner@yqby.test");
            var bell = page.GetByTestId("bell");
            var unread = int.Parse((await bell.GetAttributeAsync("data-unread"))!, System.Globalization.CultureInfo.InvariantCulture);

            var number = await SubmitAsEnterpriseAsync("厂区道路破损影响物流");

            // No reload: the page's circuit hears of it.
            await Expect(bell).ToHaveAttributeAsync("data-unread", (unread + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(bell).ToHaveAttributeAsync("aria-label", $"通知：{unread + 1} 条未读");

            await bell.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("通知");
            await BrowserLogin.InteractiveAsync(page);
            var newest = page.GetByTestId("notification").First;
            await Expect(newest).ToContainTextAsync($"诉求“厂区道路破损影响物流”（{number}）已提交，等待受理");
            await Expect(newest).ToHaveAttributeAsync("data-read", "false");

            await page.GetByRole(AriaRole.Button, new() { Name = "全部标为已读" }).ClickAsync();

            await Expect(page.GetByTestId("notifications-result")).ToContainTextAsync("条通知标为已读");
            await Expect(newest).ToHaveAttributeAsync("data-read", "true");
            await Expect(bell).ToHaveAttributeAsync("data-unread", "0");

            await newest.GetByRole(AriaRole.Link).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Uri(host.Factory.ServerAddress, $"/requests/{number}").ToString());
            await Expect(page.GetByTestId("request-title")).ToHaveTextAsync("厂区道路破损影响物流");
            await Expect(page.GetByTestId("request-state")).ToHaveTextAsync("待受理");
            await Expect(page.GetByTestId("timeline-entry")).ToHaveCountAsync(1);
        });
    }

    private async Task<string> SubmitAsEnterpriseAsync(string title)
    {
        var services = host.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var contexts = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "enterprise@yqby.test");
        var category = await db.RequestCategories.Select(c => c.Id).FirstAsync();
        return await scope.ServiceProvider.GetRequiredService<RequestService>().SubmitAsync(
            new PortalUser(user.Id, Roles.Enterprise, EnterpriseId: user.EnterpriseId),
            new SubmitRequestInput(user.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, title, "道路破损，货车无法进出。"));
    }
}
