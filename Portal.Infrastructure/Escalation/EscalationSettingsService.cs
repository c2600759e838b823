using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Escalation;

/// <summary>The escalation settings as they stand.</summary>
public sealed record EscalationSettingsValues(int WarningPercent, int SevereAfterWorkingDays)
{
    public EscalationPolicy Policy => new(WarningPercent / 100.0, SevereAfterWorkingDays);
}

/// <summary>
/// Where every consumer of the escalation policy (the scan, the request page, the queues, the desks) reads
/// it: the stored row (<see cref="EscalationSettings"/>), cached for <see cref="CacheFor"/>. A change saved
/// in this process is seen at once (<see cref="Invalidate"/>); another node sees it within the cache's life.
/// Before the row is seeded, the configured values (<see cref="EscalationOptions"/>) count.
/// </summary>
public sealed class EscalationSettingsService(IDbContextFactory<PortalDbContext> contexts, IOptions<EscalationOptions> options)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private sealed record Cached(EscalationSettingsValues Values, long ReadAt, long Generation);

    private Cached? _cached;
    private long _generation;

    public async Task<EscalationPolicy> PolicyAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Policy;

    public async Task<EscalationSettingsValues> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var generation = Interlocked.Read(ref _generation);
        if (Volatile.Read(ref _cached) is { } cached && cached.Generation == generation
            && Stopwatch.GetElapsedTime(cached.ReadAt) < CacheFor)
        {
            return cached.Values;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var values = await db.EscalationSettings.AsNoTracking()
            .Select(s => new EscalationSettingsValues(s.WarningPercent, s.SevereAfterWorkingDays))
            .SingleOrDefaultAsync(cancellationToken) ?? Configured;
        // A save that happened while reading moved the generation: what was read may be stale, so it is not kept.
        Volatile.Write(ref _cached, new Cached(values, Stopwatch.GetTimestamp(), generation));
        return values;
    }

    /// <summary>The values configured under <c>Escalation:*</c>: what the row is seeded with.</summary>
    public EscalationSettingsValues Configured => new(options.Value.WarningPercent, options.Value.SevereAfterWorkingDays);

    /// <summary>Forgets the cached values: the next read goes to the database. Call after saving a change.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _cached, null);
    }

    /// <summary>Writes the row from the configuration when there is none yet (the first start).</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.EscalationSettings.AnyAsync(cancellationToken))
        {
            return false;
        }
        var configured = Configured;
        db.EscalationSettings.Add(new EscalationSettings(configured.WarningPercent, configured.SevereAfterWorkingDays));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node seeded it first: its row stands.
            if (await AnotherNodeSeededAsync(cancellationToken))
            {
                return false;
            }
            throw;
        }
        Invalidate();
        return true;
    }

    private async Task<bool> AnotherNodeSeededAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EscalationSettings.AnyAsync(cancellationToken);
    }
}
