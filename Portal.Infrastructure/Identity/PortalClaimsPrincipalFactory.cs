using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Identity;

/// <summary>Puts what the portal shows and scopes by on every page into the sign-in cookie.</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    IDbContextFactory<PortalDbContext> contexts)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "true"));
        }
        await using var db = await contexts.CreateDbContextAsync();
        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(PortalClaims.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
            var name = await db.Departments.Where(d => d.Id == department).Select(d => d.Name).SingleAsync();
            identity.AddClaim(new Claim(PortalClaims.Organisation, name));
        }
        if (user.EnterpriseId is { } enterprise)
        {
            identity.AddClaim(new Claim(PortalClaims.EnterpriseId, enterprise.ToString(CultureInfo.InvariantCulture)));
            var name = await db.Enterprises.Where(e => e.Id == enterprise).Select(e => e.Name).SingleAsync();
            identity.AddClaim(new Claim(PortalClaims.Organisation, name));
        }
        return identity;
    }
}

public static class PortalClaims
{
    public const string DisplayName = "portal:display_name";
    public const string DepartmentId = "portal:department_id";
    public const string EnterpriseId = "portal:enterprise_id";

    /// <summary>The name of the user's department or enterprise, shown beside their role.</summary>
    public const string Organisation = "portal:organisation";

    /// <summary>Present while an admin-reset password waits to be changed: every page but the change form is closed.</summary>
    public const string MustChangePassword = "portal:must_change_password";
}
