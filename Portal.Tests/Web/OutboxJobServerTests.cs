using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>The running portal's job server delivers the outbox without being asked: the recurring sweep.</summary>
public class OutboxJobServerTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Sweep_OnTheRunningPortal_DeliversAMessageWhoseDeliveryWasNeverEnqueued(DatabaseProvider provider)
    {
        await using var portal = await PortalFactory.StartAsync(provider, runJobServer: true);
        var sweep = portal.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs()
            .Single(j => j.Id == OutboxDeliveryJob.RecurringJobId);
        Assert.Equal("*/15 * * * * *", sweep.Cron);
        Assert.NotNull(sweep.NextExecution);
        Assert.True(sweep.NextExecution <= DateTime.UtcNow.AddSeconds(15), $"next sweep at {sweep.NextExecution:O}");

        Guid id;
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            // A use case that committed and then died before asking for delivery.
            id = portal.Services.GetRequiredService<Outbox>().Add(db, OutboxPortal.Email());
            await db.SaveChangesAsync();
        }

        var file = Assert.Single(await Mailbox.WaitForFilesAsync(portal.PickupDirectory));

        Assert.Equal($"{id}.eml", Path.GetFileName(file));
    }
}
