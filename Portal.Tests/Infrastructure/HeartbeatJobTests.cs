using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Jobs;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

public class HeartbeatJobTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_Twice_RecordsTheLastRunAndTheCount(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = InfrastructureServices.Create(database);
        await services.InitialisePortalDatabaseAsync(new SeedSettings(true, null, null));
        var contexts = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));

        await new HeartbeatJob(contexts, time).RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1));
        await new HeartbeatJob(contexts, time).RunAsync(CancellationToken.None);

        await using var db = await contexts.CreateDbContextAsync();
        var beat = await db.JobHeartbeats.SingleAsync();
        Assert.Equal(HeartbeatJob.RecurringJobId, beat.Name);
        Assert.Equal(2, beat.RunCount);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 1, 0, TimeSpan.Zero), beat.LastRunAt);
    }
}
