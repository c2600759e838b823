using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

public partial class RegistrationConfirmationTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task Register_ThenSignIn_IsRefusedUntilTheMailedLinkIsFollowed()
    {
        const string email = "new.staff@yqby.test";
        const string password = "Canal#Boat-88";
        using var client = FormLogin.NewClient(host.Factory);

        using var registered = await FormLogin.PostFormAsync(client, "/Account/Register", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("Account/RegisterConfirmation", registered.Headers.Location!.OriginalString);

        var mail = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(host.Factory.PickupDirectory, "*.eml")));
        Assert.Equal(email, mail.To.Mailboxes.Single().Address);
        var link = new Uri(ConfirmationLink().Match(mail.TextBody ?? "").Value);

        using (var early = await FormLogin.PostAsync(client, email, password))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        }

        using (var confirmed = await client.GetAsync(link.PathAndQuery))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("感谢您确认邮箱", await confirmed.Content.ReadAsStringAsync());
        }

        using var signedIn = await FormLogin.PostAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("Account/", signedIn.Headers.Location!.OriginalString);
    }

    [GeneratedRegex(@"http\S*/Account/ConfirmEmail\?\S+")]
    private static partial Regex ConfirmationLink();
}
