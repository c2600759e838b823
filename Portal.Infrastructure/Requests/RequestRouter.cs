using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Requests;

/// <summary>Who a new request of an enterprise goes to, read from the routing data (enterprise, park and industry).</summary>
public static class RequestRouter
{
    public sealed record Route(int EnterpriseId, string? CommissionerUserId, string? CadreUserId, string? OwnCommissionerUserId);

    public static async Task<Route> ForAsync(PortalDbContext db, int enterpriseId, CancellationToken cancellationToken)
    {
        var candidates = await (
            from e in db.Enterprises
            where e.Id == enterpriseId
            select new
            {
                e.Id,
                e.CommissionerUserId,
                e.CadreUserId,
                Park = db.Parks.Where(p => p.Id == e.ParkId).Select(p => p.DefaultCommissionerUserId).SingleOrDefault(),
                Industry = db.Industries.Where(i => i.Id == e.IndustryId).Select(i => i.DefaultCommissionerUserId).SingleOrDefault(),
            }).SingleOrDefaultAsync(cancellationToken) ?? throw new DomainException(RequestRefusals.EnterpriseNotFound, "所选企业不存在");
        string?[] named = [candidates.CommissionerUserId, candidates.Park, candidates.Industry];
        var ids = named.OfType<string>().ToList();
        var active = await db.Users.Where(u => ids.Contains(u.Id) && u.DeactivatedAt == null).Select(u => u.Id).ToListAsync(cancellationToken);
        var commissioner = RequestRouting.CommissionerFor(candidates.CommissionerUserId, candidates.Park, candidates.Industry, active.Contains);
        return new Route(candidates.Id, commissioner, candidates.CadreUserId, candidates.CommissionerUserId);
    }
}
