using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Identity;

/// <summary>Puts what the portal shows and scopes by on every page into the sign-in cookie.</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(PortalClaims.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.EnterpriseId is { } enterprise)
        {
            identity.AddClaim(new Claim(PortalClaims.EnterpriseId, enterprise.ToString(CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}

public static class PortalClaims
{
    public const string DisplayName = "portal:display_name";
    public const string DepartmentId = "portal:department_id";
    public const string EnterpriseId = "portal:enterprise_id";
}
