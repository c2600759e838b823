using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Requests;

/// <summary>The targets a new request copies: its category's policy for the urgency.</summary>
public sealed class RequestTargetsSource
{
    public async Task<RequestTargets> ForAsync(PortalDbContext db, int categoryId, Urgency urgency, CancellationToken cancellationToken)
    {
        var policy = await db.TimeLimitPolicies.AsNoTracking()
            .SingleOrDefaultAsync(p => p.CategoryId == categoryId && p.Urgency == urgency, cancellationToken)
            ?? throw new DomainException(RequestRefusals.CategoryHasNoTimeLimits, "该诉求类别尚未设置办理时限，请联系系统管理员");
        return RequestTargets.From(policy);
    }
}
