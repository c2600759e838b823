using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// The people behind a part in a request, by user id: what the notices of its steps
/// (<see cref="RequestEventNotifier"/>) and of its escalations both look up.
/// </summary>
public static class RequestPeople
{
    public static async Task<IReadOnlyCollection<string>> SupervisorsAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == Roles.Supervisor
               select ur.UserId).ToListAsync(cancellationToken);

    /// <summary>The request's commissioner; the supervisors, who dispatch in their stead, when it has none.</summary>
    public static async Task<IReadOnlyCollection<string>> CommissionerAsync(PortalDbContext db, ServiceRequest request, CancellationToken cancellationToken) =>
        request.CommissionerUserId is { } commissioner ? [commissioner] : await SupervisorsAsync(db, cancellationToken);

    /// <summary>Every handler of the department, its head included; nobody for no department.</summary>
    public static async Task<IReadOnlyCollection<string>> DepartmentAsync(PortalDbContext db, int? departmentId, CancellationToken cancellationToken) =>
        departmentId is { } id ? await db.Users.Where(u => u.DepartmentId == id).Select(u => u.Id).ToListAsync(cancellationToken) : [];

    /// <summary>The head of the department, if it has one.</summary>
    public static async Task<IReadOnlyCollection<string>> HeadAsync(PortalDbContext db, int? departmentId, CancellationToken cancellationToken) =>
        await db.Departments.Where(d => d.Id == departmentId && d.HeadUserId != null).Select(d => d.HeadUserId!).ToListAsync(cancellationToken);

    /// <summary>The lead department's handler who has the request, else every handler of the lead department.</summary>
    public static async Task<IReadOnlyCollection<string>> LeadHandlersAsync(PortalDbContext db, ServiceRequest request, CancellationToken cancellationToken) =>
        request.LeadHandlerUserId is { } handler ? [handler] : await DepartmentAsync(db, request.LeadDepartmentId, cancellationToken);
}
