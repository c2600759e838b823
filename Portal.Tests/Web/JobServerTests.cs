using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Jobs;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

public class JobServerTests
{
    [Fact]
    public async Task EveryRecurringJob_IsRegisteredByItsId_InTheDistrictsTime()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, runJobServer: true);

        var jobs = portal.Services.GetRequiredService<JobStorage>().GetConnection().GetRecurringJobs()
            .ToDictionary(j => j.Id, j => (j.Cron, j.TimeZoneId));

        Assert.Equal(
            new Dictionary<string, (string, string)>
            {
                ["heartbeat"] = ("* * * * *", "Asia/Shanghai"),
                ["escalation-scan"] = ("*/15 * * * * *", "Asia/Shanghai"),
                ["auto-close"] = ("* * * * *", "Asia/Shanghai"),
                ["daily-digest"] = ("30 8 * * *", "Asia/Shanghai"),
                ["outbox-sweep"] = ("*/15 * * * * *", "Asia/Shanghai"),
                ["draft-attachment-sweep"] = ("15 3 * * *", "Asia/Shanghai"),
            },
            jobs);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Heartbeat_TriggeredOnTheRunningPortal_IsRunByTheJobServer(DatabaseProvider provider)
    {
        await using var portal = await PortalFactory.StartAsync(provider, runJobServer: true);
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

        portal.Services.GetRequiredService<IRecurringJobManager>().Trigger(HeartbeatJob.RecurringJobId);

        JobHeartbeat? beat = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (beat is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            await using var db = await contexts.CreateDbContextAsync();
            beat = await db.JobHeartbeats.SingleOrDefaultAsync(h => h.Name == HeartbeatJob.RecurringJobId);
        }
        Assert.NotNull(beat);
        Assert.True(beat.RunCount >= 1);
    }
}
