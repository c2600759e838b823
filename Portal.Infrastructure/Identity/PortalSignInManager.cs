using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Audit;

namespace Portal.Infrastructure.Identity;

/// <summary>Identity's sign-in, with every password attempt written to the audit log: who (or which e-mail was typed), from where, and how it ended.</summary>
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
        var kind = result switch
        {
            { Succeeded: true } or { RequiresTwoFactor: true } => AuditKinds.SignInSucceeded,
            { IsLockedOut: true } => wasLockedOut ? AuditKinds.SignInWhileLockedOut : AuditKinds.AccountLockedOut,
            { IsNotAllowed: true } => AuditKinds.SignInNotAllowed,
            _ => AuditKinds.SignInFailed,
        };
        await audit.RecordSignInAsync(kind, user?.Id, user?.Email ?? userName, Context.Connection.RemoteIpAddress?.ToString());
        return result;
    }
}
