using System.Net;
using System.Text.RegularExpressions;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

public partial class RegistrationConfirmationTests
{
    [Fact]
    public async Task Register_ThenSignIn_IsRefusedUntilTheMailedLinkIsFollowed()
    {
        const string email = "new.staff@yqby.test";
        const string password = "Canal#Boat-88";
        // The mail goes through the outbox: the portal's job server delivers it to the pickup folder.
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, runJobServer: true);
        using var client = FormLogin.NewClient(portal);

        using var registered = await FormLogin.PostFormAsync(client, "/Account/Register", new()
        {
            ["Input.EnterpriseName"] = "枣庄创普斯新能源科技有限公司",
            ["Input.CreditCode"] = "91370405MA3C8K2L60",
            ["Input.Name"] = "张新",
            ["Input.Mobile"] = "13905320000",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains("Account/RegisterConfirmation", registered.Headers.Location!.OriginalString);

        // The commissioner is told too; the applicant's is the confirmation.
        var mail = await Mailbox.WaitForAsync(portal.PickupDirectory, m => m.To.Mailboxes.Single().Address == email);
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
