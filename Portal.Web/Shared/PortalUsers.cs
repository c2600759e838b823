using System.Globalization;
using System.Security.Claims;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Web.Shared;

/// <summary>The signed-in person as the services take them: id, role, and their department or enterprise.</summary>
public static class PortalUsers
{
    public static PortalUser ToPortalUser(this ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        PortalNavigation.RoleOf(principal) ?? "",
        int.TryParse(principal.FindFirstValue(PortalClaims.DepartmentId), CultureInfo.InvariantCulture, out var department) ? department : null,
        int.TryParse(principal.FindFirstValue(PortalClaims.EnterpriseId), CultureInfo.InvariantCulture, out var enterprise) ? enterprise : null);
}
