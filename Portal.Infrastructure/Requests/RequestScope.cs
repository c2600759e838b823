using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Which requests a user may see (DESIGN.md §2). Every query and every action starts here; a request
/// outside it is "not found".
/// </summary>
public static class RequestScope
{
    public static IQueryable<ServiceRequest> VisibleTo(this IQueryable<ServiceRequest> requests, PortalDbContext db, PortalUser user) =>
        user.Role switch
        {
            Roles.Supervisor or Roles.Admin => requests,
            Roles.Enterprise when user.EnterpriseId is { } enterprise => requests.Where(r => r.EnterpriseId == enterprise),
            Roles.Commissioner => requests.Where(r => r.CommissionerUserId == user.Id
                || db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.CommissionerUserId == user.Id)),
            Roles.Cadre => requests.Where(r => r.CadreUserId == user.Id
                || db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.CadreUserId == user.Id)),
            Roles.DepartmentHandler when user.DepartmentId is { } department => requests.Where(r => r.LeadDepartmentId == department
                || r.CoHandlers.Any(c => c.DepartmentId == department)),
            _ => requests.Where(_ => false),
        };
}
