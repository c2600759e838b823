using System.Net;
using System.Text.RegularExpressions;
using Portal.Infrastructure.Data.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

public partial class LoginLockoutTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task Login_WithTheRightPassword_SignsIn()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await FormLogin.PostAsync(client, "cadre2@yqby.test", DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Account", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Login_AfterFiveWrongPasswords_IsLockedOutEvenWithTheRightOne()
    {
        using var client = FormLogin.NewClient(host.Factory);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await FormLogin.PostAsync(client, "commissioner3@yqby.test", "Wrong#Pass" + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var fifth = await FormLogin.PostAsync(client, "commissioner3@yqby.test", "Wrong#Pass5");
        Assert.Matches(LockedUntil(), await fifth.Content.ReadAsStringAsync());

        using var right = await FormLogin.PostAsync(client, "commissioner3@yqby.test", DemoData.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Matches(LockedUntil(), await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_WithAnUnknownEmail_SaysExactlyWhatAWrongPasswordSays()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var unknown = await FormLogin.PostAsync(client, "nobody@yqby.test", "Wrong#Pass1");
        using var wrong = await FormLogin.PostAsync(client, "supervisor@yqby.test", "Wrong#Pass1");

        var unknownAlert = Alert().Match(await unknown.Content.ReadAsStringAsync()).Value;
        Assert.Contains("邮箱或密码不正确", unknownAlert);
        Assert.Equal(unknownAlert, Alert().Match(await wrong.Content.ReadAsStringAsync()).Value);
    }

    [Fact]
    public async Task Login_WithAWrongPassword_KeepsTheEmailButNeverSendsThePasswordBack()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await FormLogin.PostAsync(client, "cadre@yqby.test", "Secret#Typed-123");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("value=\"cadre@yqby.test\"", html);
        Assert.DoesNotContain("Secret#Typed-123", html);
    }

    [GeneratedRegex("<div class=\"alert [^\"]*\" role=\"alert\">[^<]*</div>")]
    private static partial Regex Alert();

    [GeneratedRegex(@"账号已锁定，请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 后再试")]
    private static partial Regex LockedUntil();
}
