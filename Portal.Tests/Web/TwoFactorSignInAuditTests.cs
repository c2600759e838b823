using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>A sign-in that needs a second factor is logged as such, and as a success only once the second factor is given.</summary>
public class TwoFactorSignInAuditTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private const string Email = "cadre2@yqby.test";

    [Fact]
    public async Task SignIn_WithTwoFactor_IsLoggedAsAwaitingTheSecondFactorThenAsSucceededOnlyWhenItIsGiven()
    {
        string recoveryCode;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(Email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            recoveryCode = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1))!.Single();
        }
        var audit = host.Factory.Services.GetRequiredService<AuditLog>();
        var admin = new PortalUser("admin", Roles.Admin);
        using var client = FormLogin.NewClient(host.Factory);

        using (var password = await FormLogin.PostAsync(client, Email, DemoData.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
            Assert.Contains("LoginWith2fa", password.Headers.Location!.OriginalString);
        }
        var afterPassword = (await audit.SearchAsync(admin, new AuditQuery(Email), null)).Rows;

        using (var wrong = await FormLogin.PostFormAsync(client, "/Account/LoginWithRecoveryCode", new() { ["Input.RecoveryCode"] = "NOT-A-CODE" }))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, wrong.StatusCode);
        }
        using (var second = await FormLogin.PostFormAsync(client, "/Account/LoginWithRecoveryCode", new() { ["Input.RecoveryCode"] = recoveryCode }))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        }
        var afterSecondFactor = (await audit.SearchAsync(admin, new AuditQuery(Email), null)).Rows;

        Assert.Equal(AuditKinds.SignInTwoFactorRequired, Assert.Single(afterPassword).Kind);
        Assert.Equal(
            [AuditKinds.SignInSucceeded, AuditKinds.SignInFailed, AuditKinds.SignInTwoFactorRequired],
            afterSecondFactor.Select(r => r.Kind));
        Assert.All(afterSecondFactor, r => Assert.Equal(Email, r.ActorName));
    }
}
