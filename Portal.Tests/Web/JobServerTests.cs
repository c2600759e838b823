using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Jobs;
using Portal.Tests.Domain.Requests;
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
                ["figure-rollup"] = ("* * * * *", "Asia/Shanghai"),
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

    [Fact]
    public async Task TheFigureRollup_TriggeredOnTheRunningPortal_IsBuiltByTheJobServer_OverEveryRequest()
    {
        await using var portal = await PortalFactory.StartAsync(DatabaseProvider.Sqlite, runJobServer: true);
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ServiceRequests.AddRange(
                RequestBuilder.Submitted(number: "YQBY-20260302-0001").Dispatched().Request,
                RequestBuilder.Submitted(number: "YQBY-20260302-0002").Dispatched().Signed().Resolved().Request);
            await db.SaveChangesAsync();
        }

        portal.Services.GetRequiredService<IRecurringJobManager>().Trigger(FigureRollupJob.RecurringJobId);

        DateTimeOffset? built = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (built is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            await using var db = await contexts.CreateDbContextAsync();
            built = await db.FigureRollups.Select(s => s.BuiltAt).SingleOrDefaultAsync();
        }
        Assert.NotNull(built);
        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(2, await check.FigureReceivedDays.SumAsync(r => r.Count));
        Assert.Equal(1, await check.FigureEventDays.Where(e => e.Action == RequestAction.Resolve).SumAsync(e => e.Count));
    }
}
