using Hangfire;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// Writing e-mail to the outbox. A use case adds its messages to its own context, in the transaction of the
/// change that caused them, and after the commit asks for prompt delivery:
/// <code>
/// var ids = outbox.Add(db, emails);
/// await db.SaveChangesAsync();            // or transaction.CommitAsync()
/// outbox.DeliverSoon(ids);
/// </code>
/// Forgetting <see cref="DeliverSoon"/>, or a crash before it, delays a message until the next sweep (at most
/// 15 seconds); it never loses one.
/// </summary>
public sealed class Outbox(IBackgroundJobClient jobs, TimeProvider time, ILogger<Outbox> logger)
{
    /// <summary>Adds the messages to <paramref name="db"/> without saving; returns their ids (also their Message-IDs).</summary>
    public IReadOnlyList<Guid> Add(PortalDbContext db, IEnumerable<OutgoingEmail> emails)
    {
        var now = time.GetUtcNow();
        var ids = new List<Guid>();
        foreach (var email in emails)
        {
            var row = new OutboxMessage(Guid.CreateVersion7(now), email, now);
            db.OutboxMessages.Add(row);
            ids.Add(row.Id);
        }
        return ids;
    }

    public Guid Add(PortalDbContext db, OutgoingEmail email) => Add(db, [email])[0];

    /// <summary>
    /// Records, without saving, a message that could not be composed: failed with the error, carrying
    /// <paramref name="fallback"/> (a plain notice) for an admin's retry. Nothing is lost, nothing throws.
    /// </summary>
    public Guid AddCompositionFailure(PortalDbContext db, OutgoingEmail fallback, Exception error)
    {
        var now = time.GetUtcNow();
        var row = OutboxMessage.CompositionFailedFor(Guid.CreateVersion7(now), fallback, error.Message, now);
        db.OutboxMessages.Add(row);
        logger.LogError(error, "Could not compose {EventType} for {Request}; kept as failed outbox message {Id}", fallback.EventType, fallback.RequestNumber, row.Id);
        return row.Id;
    }

    /// <summary>
    /// Enqueues the delivery of these (committed) messages. Never throws: when the job storage is unreachable
    /// the sweep delivers them instead.
    /// </summary>
    public void DeliverSoon(IReadOnlyCollection<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }
        try
        {
            var batch = ids.ToArray();
            jobs.Enqueue<OutboxDeliveryJob>(job => job.DeliverAsync(batch, CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not enqueue the delivery of {Count} outbox messages; the sweep will deliver them", ids.Count);
        }
    }

    /// <summary>Enqueues a sweep of everything due; never throws (the recurring sweep runs anyway).</summary>
    public void SweepSoon()
    {
        try
        {
            jobs.Enqueue<OutboxDeliveryJob>(job => job.SweepAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not enqueue an outbox sweep; the recurring sweep will run instead");
        }
    }
}
