using Portal.Domain.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Admin;

/// <summary>
/// The server-side check behind every admin page's <c>[Authorize]</c>: the admin services refuse anyone
/// else, so a page that forgot its attribute still reveals and changes nothing.
/// </summary>
public static class AdminOnly
{
    public static void Require(PortalUser user)
    {
        if (user.Role != Roles.Admin)
        {
            throw new AdminOnlyException();
        }
    }
}

/// <summary>Someone other than an admin called an admin service; the web answers 403.</summary>
public sealed class AdminOnlyException() : Exception("只有系统管理员可以执行此操作");
