using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Audit;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in, with every attempt written to the audit log: who (or which e-mail was typed), from where,
/// and how it ended. A right password for an account with two-factor sign-in is logged as
/// <see cref="AuditKinds.SignInTwoFactorRequired"/>; the sign-in succeeds only when the second factor does.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<ApplicationUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<ApplicationUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation, AuditLog audit)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        var wasLockedOut = user is not null && await UserManager.IsLockedOutAsync(user);
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        await RecordAsync(result, wasLockedOut, user?.Id, user?.Email ?? userName);
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var wasLockedOut = user is not null && await UserManager.IsLockedOutAsync(user);
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        await RecordSecondFactorAsync(result, wasLockedOut, user);
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var wasLockedOut = user is not null && await UserManager.IsLockedOutAsync(user);
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        await RecordSecondFactorAsync(result, wasLockedOut, user);
        return result;
    }

    public override async Task<SignInResult> TwoFactorSignInAsync(string provider, string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var wasLockedOut = user is not null && await UserManager.IsLockedOutAsync(user);
        var result = await base.TwoFactorSignInAsync(provider, code, isPersistent, rememberClient);
        await RecordSecondFactorAsync(result, wasLockedOut, user);
        return result;
    }

    /// <summary>A second factor without a first (no pending two-factor sign-in) is nobody's attempt: nothing to record.</summary>
    private Task RecordSecondFactorAsync(SignInResult result, bool wasLockedOut, ApplicationUser? user) =>
        user is null ? Task.CompletedTask : RecordAsync(result, wasLockedOut, user.Id, user.Email ?? user.UserName ?? user.Id);

    private Task RecordAsync(SignInResult result, bool wasLockedOut, string? userId, string emailTyped)
    {
        var kind = result switch
        {
            { Succeeded: true } => AuditKinds.SignInSucceeded,
            { RequiresTwoFactor: true } => AuditKinds.SignInTwoFactorRequired,
            { IsLockedOut: true } => wasLockedOut ? AuditKinds.SignInWhileLockedOut : AuditKinds.AccountLockedOut,
            { IsNotAllowed: true } => AuditKinds.SignInNotAllowed,
            _ => AuditKinds.SignInFailed,
        };
        return audit.RecordSignInAsync(kind, userId, emailTyped, Context.Connection.RemoteIpAddress?.ToString());
    }
}
