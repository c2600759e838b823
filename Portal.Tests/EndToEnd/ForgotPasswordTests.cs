using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.EndToEnd;

public partial class ForgotPasswordTests
{
    [Fact]
    public async Task ForgotPassword_TheMailedLinkSetsANewPasswordOnceOnly()
    {
        const string email = "cadre@yqby.test";
        const string newPassword = "Canal#Boat-2026";
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, runJobServer: true, kestrel: true);

        await Chromium.RunAsync(nameof(ForgotPassword_TheMailedLinkSetsANewPasswordOnceOnly), async page =>
        {
            await page.GotoAsync(new Uri(portal.ServerAddress, "/Account/Login").ToString());
            await page.GetByRole(AriaRole.Link, new() { Name = "忘记密码" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("忘记密码");
            await page.GetByLabel("邮箱").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = "发送重置链接" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("请查收邮件");

            var mail = await Mailbox.WaitForSingleAsync(portal.PickupDirectory);
            Assert.Equal(email, mail.To.Mailboxes.Single().Address);
            var link = ResetLink().Match(mail.TextBody ?? "").Value;
            Assert.StartsWith(portal.ServerAddress.ToString(), link);

            await page.GotoAsync(link);
            await Expect(page.GetByLabel("邮箱")).ToHaveValueAsync(email);
            await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(newPassword);
            await page.GetByLabel("确认新密码").FillAsync(newPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("密码已重置");

            await page.GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true }).ClickAsync();
            await page.Locator("[name='Input.Email']").FillAsync(email);
            await page.Locator("[name='Input.Password']").FillAsync(newPassword);
            await page.Locator("form[action] button[type='submit']").First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("您好");

            await page.GotoAsync(link);
            await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("此密码重置链接已过期或已被使用");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "重新获取重置链接" })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("新密码", new() { Exact = true })).ToHaveCountAsync(0);
        });
    }

    [GeneratedRegex(@"http\S*/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();
}
