using System.Globalization;
using System.Security.Claims;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Web.Shared;

public static class PortalUsers
{
    /// <summary>The signed-in user as the services see them, from the claims the sign-in gave them.</summary>
    public static PortalUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        PortalNavigation.RoleOf(principal) ?? "",
        int.TryParse(principal.FindFirstValue(PortalClaims.DepartmentId), CultureInfo.InvariantCulture, out var department) ? department : null,
        int.TryParse(principal.FindFirstValue(PortalClaims.EnterpriseId), CultureInfo.InvariantCulture, out var enterprise) ? enterprise : null);
}
