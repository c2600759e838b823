using System.Net;
using Portal.Infrastructure.Data.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

public class LoginLockoutTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
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
        Assert.Contains("Account/Lockout", fifth.Headers.Location?.OriginalString);

        using var right = await FormLogin.PostAsync(client, "commissioner3@yqby.test", DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("Account/Lockout", right.Headers.Location!.OriginalString);
    }
}
