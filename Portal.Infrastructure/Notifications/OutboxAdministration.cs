using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Notifications;

/// <summary>An outbox row as the admin list shows it.</summary>
public sealed record OutboxRow(
    Guid Id,
    DateTimeOffset CreatedAt,
    string? RecipientAddress,
    string RecipientName,
    string Subject,
    string EventType,
    string? RequestNumber,
    OutboxState State,
    int AttemptCount,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    OutboxProblem? LastProblem,
    string? LastError);

/// <summary>Where the next page starts: after this row, in the list's order (newest first).</summary>
public sealed record OutboxCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed record OutboxListPage(IReadOnlyList<OutboxRow> Rows, OutboxCursor? Next);

public sealed record OutboxCounts(int Failed, int Pending);

public enum OutboxRetryOutcome
{
    Retried,
    NotFound,
    AlreadyDelivered,

    /// <summary>A worker holds the row right now; its outcome is about to be recorded.</summary>
    InProgress,
}

/// <summary>
/// What admins see of the outbox and what they can do: list failed and waiting messages, retry them. Admins
/// only; each retry is saved with its audit entry.
/// </summary>
public sealed class OutboxAdministration(
    IDbContextFactory<PortalDbContext> contexts, DatabaseSettings database, Outbox outbox, AuditLog audit, TimeProvider time)
{
    public const int DefaultPageSize = 20;

    public async Task<OutboxCounts> CountAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.OutboxMessages.Where(m => m.State != OutboxState.Delivered)
            .GroupBy(m => m.State).Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new OutboxCounts(
            counts.Where(c => c.State == OutboxState.Failed).Sum(c => c.Count),
            counts.Where(c => c.State == OutboxState.Pending).Sum(c => c.Count));
    }

    /// <summary>One page of the rows in <paramref name="state"/>, newest first, by keyset on (created, id).</summary>
    public async Task<OutboxListPage> ListAsync(PortalUser admin, OutboxState state, OutboxCursor? after, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.OutboxMessages.AsNoTracking().Where(m => m.State == state);
        if (after is { } cursor)
        {
            var at = cursor.CreatedAt;
            var id = cursor.Id;
            rows = database.Provider switch
            {
                // Row-value comparison: PostgreSQL walks the (State, CreatedAt, Id) index from the cursor.
                DatabaseProvider.Postgres => rows.Where(m => EF.Functions.LessThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(at, id))),
                DatabaseProvider.Sqlite => rows.Where(m => m.CreatedAt < at || (m.CreatedAt == at && m.Id.CompareTo(id) < 0)),
            };
        }
        var page = await rows.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(pageSize + 1)
            .Select(m => new OutboxRow(m.Id, m.CreatedAt, m.RecipientAddress, m.RecipientName, m.Subject, m.EventType, m.RequestNumber,
                m.State, m.AttemptCount, m.NextAttemptAt, m.LastAttemptAt, m.LastProblem, m.LastError))
            .ToListAsync(cancellationToken);
        var next = page.Count > pageSize ? new OutboxCursor(page[pageSize - 1].CreatedAt, page[pageSize - 1].Id) : null;
        return new OutboxListPage(page.Take(pageSize).ToList(), next);
    }

    /// <summary>Attempts the message again now: a failed one with a fresh set of attempts, a waiting one without its backoff.</summary>
    public async Task<OutboxRetryOutcome> RetryAsync(PortalUser admin, Guid id, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (row is null)
        {
            return OutboxRetryOutcome.NotFound;
        }
        if (row.State == OutboxState.Delivered)
        {
            return OutboxRetryOutcome.AlreadyDelivered;
        }
        var before = Snapshot(row);
        if (!row.Retry(time.GetUtcNow()))
        {
            return OutboxRetryOutcome.InProgress;
        }
        await audit.RecordAsync(db, admin, AuditKinds.OutboxMessageRetried, AuditSubject.OutboxMessage(row.Id, row.Subject), before, Snapshot(row),
            cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OutboxRetryOutcome.InProgress;
        }
        outbox.DeliverSoon([id]);
        return OutboxRetryOutcome.Retried;
    }

    /// <summary>Every failed message back to waiting with a fresh set of attempts (as <see cref="OutboxMessage.Retry"/>); returns how many.</summary>
    public async Task<int> RetryAllFailedAsync(PortalUser admin, CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(admin);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var count = await db.OutboxMessages.Where(m => m.State == OutboxState.Failed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Pending)
                .SetProperty(m => m.AttemptCount, 0)
                .SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        if (count == 0)
        {
            return 0;
        }
        await audit.RecordAsync(db, admin, AuditKinds.OutboxFailedRetried, AuditSubject.Outbox,
            new { Failed = count }, new { Pending = count, NextAttemptAt = now }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.SweepSoon();
        return count;
    }

    private static object Snapshot(OutboxMessage row) =>
        new { row.RecipientAddress, State = row.State.ToString(), row.AttemptCount, row.NextAttemptAt, LastProblem = row.LastProblem?.ToString() };
}
