using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Requests;

public enum RoutingProblemKind
{
    /// <summary>No lead department to propose: whoever dispatches must choose one.</summary>
    CategoryWithoutLeadDepartment,

    /// <summary>No commissioner of its own: new requests go down the routing order.</summary>
    EnterpriseWithoutCommissioner,

    /// <summary>Its commissioner was deactivated: new requests go down the routing order.</summary>
    EnterpriseCommissionerDeactivated,

    /// <summary>A cadre without an e-mail address is told in the portal only.</summary>
    CadreWithoutEmail,
}

/// <param name="Subject">The category, enterprise or cadre the problem is of.</param>
/// <param name="Person">The deactivated commissioner, where there is one.</param>
/// <param name="RoutedTo">For an enterprise: the commissioner its new requests go to now; null for the supervisors' queue (待受理).</param>
public sealed record RoutingProblem(RoutingProblemKind Kind, int? SubjectId, string Subject, string? Person, string? RoutedTo);

/// <summary>
/// What in the routing data leaves a request to a fallback (DESIGN.md §4, "bad input"): no request is
/// ever stuck by it, but supervisors and admins see each on their home pages until it is put right.
/// </summary>
public sealed class RoutingProblems(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>Every problem, for supervisors and admins; nothing for anyone else.</summary>
    public async Task<IReadOnlyList<RoutingProblem>> ListAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (user.Role is not (Roles.Supervisor or Roles.Admin))
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var problems = new List<RoutingProblem>();

        problems.AddRange(await db.RequestCategories.Where(c => c.IsActive && c.LeadDepartmentId == null).OrderBy(c => c.Code)
            .Select(c => new RoutingProblem(RoutingProblemKind.CategoryWithoutLeadDepartment, c.Id, c.Name, null, null))
            .ToListAsync(cancellationToken));

        var unserved = await (
            from e in db.Enterprises
            join u in db.Users on e.CommissionerUserId equals u.Id into own
            from commissioner in own.DefaultIfEmpty()
            where e.CommissionerUserId == null || commissioner == null || commissioner.DeactivatedAt != null
            orderby e.Name
            select new
            {
                e.Id,
                e.Name,
                Commissioner = commissioner == null ? null : commissioner.DisplayName,
                Park = db.Parks.Where(p => p.Id == e.ParkId).Select(p => p.DefaultCommissionerUserId).SingleOrDefault(),
                Industry = db.Industries.Where(i => i.Id == e.IndustryId).Select(i => i.DefaultCommissionerUserId).SingleOrDefault(),
            }).ToListAsync(cancellationToken);
        if (unserved.Count > 0)
        {
            var defaults = unserved.SelectMany(e => new[] { e.Park, e.Industry }).OfType<string>().Distinct().ToList();
            var active = await db.Users.Where(u => defaults.Contains(u.Id) && u.DeactivatedAt == null)
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
            problems.AddRange(unserved.Select(e => new RoutingProblem(
                e.Commissioner is null ? RoutingProblemKind.EnterpriseWithoutCommissioner : RoutingProblemKind.EnterpriseCommissionerDeactivated,
                e.Id, e.Name, e.Commissioner,
                RequestRouting.CommissionerFor(null, e.Park, e.Industry, active.ContainsKey) is { } to ? active[to] : null)));
        }

        problems.AddRange(await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Cadre && u.DeactivatedAt == null && (u.Email == null || u.Email == "")
            orderby u.DisplayName
            select new RoutingProblem(RoutingProblemKind.CadreWithoutEmail, null, u.DisplayName, null, null))
            .ToListAsync(cancellationToken));
        return problems;
    }
}
