using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Escalation;

/// <summary>A person's own daily digests, newest first: where those without an e-mail address read them.</summary>
public sealed class DigestArchive(IDbContextFactory<PortalDbContext> contexts)
{
    public const int PageSize = 30;

    /// <param name="before">The day to page back from (exclusive); null for the newest.</param>
    public async Task<IReadOnlyList<DailyDigest>> ListAsync(string userId, DateOnly? before = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DailyDigests.AsNoTracking().Include(d => d.Items)
            .Where(d => d.UserId == userId && (before == null || d.Day < before))
            .OrderByDescending(d => d.Day).Take(PageSize)
            .ToListAsync(cancellationToken);
    }
}
