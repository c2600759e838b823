using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;

namespace Portal.Infrastructure.Requests;

/// <summary>One enterprise a cadre guarantees: its open requests, by how late they are now.</summary>
public sealed record GuaranteedEnterprise(int Id, string Name, int Open, int OnTime, int Warning, int Overdue, int SeverelyOverdue);

/// <summary>
/// 包保: the enterprises a cadre guarantees, each with its open requests counted by level (the highest of their
/// running deadlines, computed now), for the cadre's home page. Nobody else has any.
/// </summary>
public sealed class CadreOverview(
    IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, EscalationSettingsService escalation, TimeProvider time)
{
    private static readonly RequestState[] Open =
        [RequestState.Submitted, RequestState.Dispatched, RequestState.InProgress, RequestState.AwaitingEnterprise, RequestState.UnderReview];

    public async Task<IReadOnlyList<GuaranteedEnterprise>> ListAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (user.Role != Roles.Cadre)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enterprises = await db.Enterprises.Where(e => e.CadreUserId == user.Id).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Name }).ToListAsync(cancellationToken);
        var ids = enterprises.Select(e => e.Id).ToList();
        var requests = await db.ServiceRequests.AsNoTracking().Include(r => r.Deadlines)
            .Where(r => ids.Contains(r.EnterpriseId) && Open.Contains(r.State))
            .ToListAsync(cancellationToken);
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var now = time.GetUtcNow();
        var policy = await escalation.PolicyAsync(cancellationToken);
        var levels = requests.ToLookup(r => r.EnterpriseId, r => policy.LevelOf(r, calendar, now));
        return [.. enterprises.Select(e => new GuaranteedEnterprise(
            e.Id, e.Name, levels[e.Id].Count(),
            levels[e.Id].Count(l => l == EscalationLevel.OnTime),
            levels[e.Id].Count(l => l == EscalationLevel.Warning),
            levels[e.Id].Count(l => l == EscalationLevel.Overdue),
            levels[e.Id].Count(l => l == EscalationLevel.SeverelyOverdue)))];
    }
}
