using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Email;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// What one run did: messages delivered now (handed to the server, or their pickup file written), found already
/// delivered (their file was there), failed attempts; and of all those, outcomes not recorded because the claim had
/// expired and another worker had taken the row.
/// </summary>
public sealed record DeliveryRun(int Delivered, int AlreadyThere, int Failed, int LostClaims)
{
    public static DeliveryRun None { get; } = new(0, 0, 0, 0);

    public DeliveryRun Add(DeliveryRun other) =>
        new(Delivered + other.Delivered, AlreadyThere + other.AlreadyThere, Failed + other.Failed, LostClaims + other.LostClaims);

    public int Attempted => Delivered + AlreadyThere + Failed;
}

/// <summary>The messages one worker took, and until when they are its own.</summary>
public sealed record OutboxClaim(string Token, DateTimeOffset Until, IReadOnlyList<Guid> Ids);

/// <summary>
/// Delivers outbox rows. Jobs take ids only and may run any number of times, on any number of nodes at
/// once: a worker first claims due rows (a lease of <c>Email:ClaimTimeout</c>), then delivers them and records
/// each outcome only while its claim holds. A worker that dies leaves its rows to be claimed again when the
/// lease ends. Delivery failures are recorded on the rows, never thrown to Hangfire.
/// </summary>
public sealed class OutboxDeliveryJob(
    IDbContextFactory<PortalDbContext> contexts,
    DatabaseSettings database,
    MailTransport transport,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxDeliveryJob> logger)
{
    public const string RecurringJobId = "outbox-sweep";

    /// <summary>Every 15 seconds (Hangfire 1.8 reads a sixth, leading field as seconds).</summary>
    public const string SweepCron = "*/15 * * * * *";

    /// <summary>A sweep stops after this many batches and leaves the rest to the next one.</summary>
    private const int MaxBatchesPerSweep = 50;

    private static readonly string Worker = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Delivers these messages if they are due and nobody holds them: enqueued after the commit that wrote them.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<DeliveryRun> DeliverAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        var total = DeliveryRun.None;
        foreach (var chunk in ids.Chunk(options.CurrentValue.BatchSize))
        {
            var claim = await ClaimAsync(chunk, cancellationToken);
            total = total.Add(await DeliverClaimedAsync(claim, cancellationToken));
        }
        return total;
    }

    /// <summary>Delivers whatever is due, including what a lost enqueue or a dead worker left behind.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<DeliveryRun> SweepAsync(CancellationToken cancellationToken)
    {
        var total = DeliveryRun.None;
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var claim = await ClaimAsync(null, cancellationToken);
            if (claim.Ids.Count == 0)
            {
                break;
            }
            total = total.Add(await DeliverClaimedAsync(claim, cancellationToken));
        }
        if (total.Attempted > 0)
        {
            logger.LogInformation("Outbox sweep: {Delivered} delivered, {AlreadyThere} already there, {Failed} failed attempts, {Lost} lost to another worker",
                total.Delivered, total.AlreadyThere, total.Failed, total.LostClaims);
        }
        return total;
    }

    /// <summary>
    /// Takes up to <c>Email:BatchSize</c> due rows (of <paramref name="ids"/>, or any) that no live claim holds.
    /// On PostgreSQL the rows are locked with <c>FOR UPDATE SKIP LOCKED</c> in a transaction, so concurrent
    /// workers take disjoint rows; SQLite serialises writers, so one conditional UPDATE is enough there.
    /// </summary>
    public async Task<OutboxClaim> ClaimAsync(Guid[]? ids, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var token = $"{Worker}:{Guid.NewGuid():N}";
        var until = now + settings.ClaimTimeout;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        List<Guid> claimed;
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    var due = await LockDueAsync(db, ids, now, settings.BatchSize, cancellationToken);
                    if (due.Count > 0)
                    {
                        await db.OutboxMessages.Where(m => due.Contains(m.Id))
                            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, token).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
                    }
                    await transaction.CommitAsync(cancellationToken);
                    claimed = due;
                }
                break;
            case DatabaseProvider.Sqlite:
                var candidates = Due(db.OutboxMessages, now);
                if (ids is not null)
                {
                    candidates = candidates.Where(m => ids.Contains(m.Id));
                }
                var picked = await candidates.OrderBy(m => m.NextAttemptAt).Take(settings.BatchSize).Select(m => m.Id).ToListAsync(cancellationToken);
                // The UPDATE checks again that each row is due and free: of two workers, one takes a row.
                var count = picked.Count == 0 ? 0 : await Due(db.OutboxMessages, now).Where(m => picked.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, token).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
                claimed = count == 0
                    ? []
                    : await db.OutboxMessages.Where(m => picked.Contains(m.Id) && m.ClaimedBy == token).Select(m => m.Id).ToListAsync(cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {database.Provider}.");
        }
        return new OutboxClaim(token, until, claimed);
    }

    /// <summary>Delivers the claimed rows one by one and records each outcome, while the claim holds.</summary>
    public async Task<DeliveryRun> DeliverClaimedAsync(OutboxClaim claim, CancellationToken cancellationToken)
    {
        if (claim.Ids.Count == 0)
        {
            return DeliveryRun.None;
        }
        var settings = options.CurrentValue;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.OutboxMessages.Where(m => claim.Ids.Contains(m.Id) && m.ClaimedBy == claim.Token)
            .OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);

        int delivered = 0, alreadyThere = 0, failed = 0, lost = 0;
        DeliveryException? sessionBroken = null;
        await using (var session = transport.Open())
        {
            foreach (var row in rows)
            {
                if (sessionBroken is not null)
                {
                    row.RecordFailure(sessionBroken.Problem, sessionBroken.Message, sessionBroken.Permanent, settings.Retry, time.GetUtcNow());
                    failed++;
                }
                else
                {
                    try
                    {
                        var result = await session.SendAsync(row.Id, OutboxMime.Build(row, settings), cancellationToken);
                        row.MarkDelivered(time.GetUtcNow());
                        if (result == SendResult.Sent)
                        {
                            delivered++;
                        }
                        else
                        {
                            alreadyThere++;
                        }
                    }
                    catch (DeliveryException failure)
                    {
                        row.RecordFailure(failure.Problem, failure.Message, failure.Permanent, settings.Retry, time.GetUtcNow());
                        failed++;
                        if (failure.AffectsEveryMessage)
                        {
                            sessionBroken = failure;
                        }
                        logger.LogWarning("Outbox message {Id} ({EventType}) not delivered, attempt {Attempt}: {Problem}: {Error}",
                            row.Id, row.EventType, row.AttemptCount, failure.Problem, failure.Message);
                    }
                }
                if (!await SaveOutcomeAsync(db, row, cancellationToken))
                {
                    lost++;
                }
            }
        }
        return new DeliveryRun(delivered, alreadyThere, failed, lost);
    }

    /// <summary>Saves one row's outcome; false when the claim had expired and another worker took the row.</summary>
    private async Task<bool> SaveOutcomeAsync(PortalDbContext db, OutboxMessage row, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogWarning("Outbox message {Id}: the claim expired before its outcome was recorded; another worker has it", row.Id);
            db.Entry(row).State = EntityState.Detached;
            return false;
        }
    }

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> rows, DateTimeOffset now) =>
        rows.Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil <= now));

    private static Task<List<Guid>> LockDueAsync(PortalDbContext db, Guid[]? ids, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var at = now.ToUniversalTime();
        var pending = nameof(OutboxState.Pending);
        var query = ids is null
            ? db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "OutboxMessages"
                WHERE "State" = {pending} AND "NextAttemptAt" <= {at} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {at})
                ORDER BY "NextAttemptAt"
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED
                """)
            : db.Database.SqlQuery<Guid>($"""
                SELECT "Id" AS "Value" FROM "OutboxMessages"
                WHERE "Id" = ANY({ids}) AND "State" = {pending} AND "NextAttemptAt" <= {at} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {at})
                ORDER BY "NextAttemptAt"
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED
                """);
        return query.ToListAsync(cancellationToken);
    }
}
