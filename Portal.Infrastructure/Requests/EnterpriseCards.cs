using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Someone staff reach at the enterprise: a contact person the admins keep (with their position), or someone who acts
/// for it on the portal (an active enterprise user, without one).
/// </summary>
public sealed record EnterpriseContact(string Name, string? Mobile, string? Email, string? Position = null);

/// <summary>Another request of the same enterprise, one the viewer may open.</summary>
public sealed record EnterpriseCardRequest(string Number, string Title, RequestState State, DateTimeOffset SubmittedAt);

public sealed record EnterpriseCardProject(int Id, string Name);

/// <summary>
/// The enterprise card beside a request, for staff: who looks after the enterprise (commissioner, guaranteeing cadre),
/// how to reach it (the contact people the admins keep, then its portal users), and its latest other requests and projects — only those the viewer may open themselves.
/// <see cref="OtherRequestCount"/> counts all its other requests in the viewer's scope.
/// </summary>
public sealed record EnterpriseCardView(
    int Id, string Name, string? Commissioner, string? Cadre, IReadOnlyList<EnterpriseContact> Contacts,
    IReadOnlyList<EnterpriseCardRequest> OtherRequests, int OtherRequestCount, IReadOnlyList<EnterpriseCardProject> Projects);

/// <summary>
/// The enterprise behind a request, for the staff who may see that request (<see cref="RequestScope"/>). Enterprise
/// users have no card: their own details are theirs already, and the staff's names and numbers are not for them.
/// </summary>
public sealed class EnterpriseCards(IDbContextFactory<PortalDbContext> contexts)
{
    public const int LatestRequests = 5;

    /// <summary>The card of the request's enterprise; null for an enterprise user, and when the request is outside the user's scope.</summary>
    public async Task<EnterpriseCardView?> ForRequestAsync(PortalUser user, string number, CancellationToken cancellationToken = default)
    {
        if (user.Role == Roles.Enterprise)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = db.ServiceRequests.AsNoTracking().VisibleTo(db, user);
        var enterpriseId = await visible.Where(r => r.Number == number).Select(r => (int?)r.EnterpriseId).SingleOrDefaultAsync(cancellationToken);
        if (enterpriseId is not { } id)
        {
            return null;
        }
        var enterprise = await (
            from e in db.Enterprises
            where e.Id == id
            select new
            {
                e.Id, e.Name,
                Commissioner = db.Users.Where(u => u.Id == e.CommissionerUserId).Select(u => u.DisplayName).SingleOrDefault(),
                Cadre = db.Users.Where(u => u.Id == e.CadreUserId).Select(u => u.DisplayName).SingleOrDefault(),
            }).SingleAsync(cancellationToken);
        var kept = await db.Enterprises.Where(e => e.Id == id)
            .SelectMany(e => e.Contacts.OrderBy(c => EF.Property<int>(c, "Id")).Select(c => new EnterpriseContact(c.Name, c.Mobile, c.Email, c.Position)))
            .ToListAsync(cancellationToken);
        var users = await (
            from u in db.UsersInRole(Roles.Enterprise)
            where u.EnterpriseId == id && u.DeactivatedAt == null
            orderby u.DisplayName
            select new EnterpriseContact(u.DisplayName, u.PhoneNumber, u.Email, null))
            .ToListAsync(cancellationToken);
        var contacts = kept.Concat(users).ToList();
        var others = visible.Where(r => r.EnterpriseId == id && r.Number != number);
        var latest = await others
            .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id)
            .Select(r => new EnterpriseCardRequest(r.Number, r.Title, r.State, r.SubmittedAt))
            .Take(LatestRequests)
            .ToListAsync(cancellationToken);
        var count = await others.CountAsync(cancellationToken);
        var projects = await ProjectService.VisibleTo(db, user).AsNoTracking()
            .Where(p => p.EnterpriseId == id)
            .OrderByDescending(p => p.Id)
            .Select(p => new EnterpriseCardProject(p.Id, p.Name))
            .ToListAsync(cancellationToken);
        return new EnterpriseCardView(enterprise.Id, enterprise.Name, enterprise.Commissioner, enterprise.Cadre, contacts, latest, count, projects);
    }
}
