using Microsoft.EntityFrameworkCore;

namespace Portal.Infrastructure.Jobs;

/// <summary>A recurring job that records that it ran: the proof that the job server and its storage work.</summary>
public sealed class HeartbeatJob(IDbContextFactory<Data.PortalDbContext> contextFactory, TimeProvider time)
{
    public const string RecurringJobId = "heartbeat";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var beat = await db.JobHeartbeats.FindAsync([RecurringJobId], cancellationToken);
        if (beat is null)
        {
            db.JobHeartbeats.Add(new JobHeartbeat(RecurringJobId, now));
        }
        else
        {
            beat.Beat(now);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
