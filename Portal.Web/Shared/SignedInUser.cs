using System.Security.Claims;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Web.Shared;

/// <summary>The signed-in user as the services take them, from the claims of their sign-in.</summary>
public static class SignedInUser
{
    public static PortalUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        PortalNavigation.RoleOf(principal) ?? "",
        int.TryParse(principal.FindFirstValue(PortalClaims.DepartmentId), out var department) ? department : null,
        int.TryParse(principal.FindFirstValue(PortalClaims.EnterpriseId), out var enterprise) ? enterprise : null);
}
