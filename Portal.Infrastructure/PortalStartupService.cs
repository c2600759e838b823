using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Infrastructure.Configuration;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Jobs;

namespace Portal.Infrastructure;

/// <summary>
/// Runs before anything else starts (it is the first hosted service): migrates and seeds the
/// database, refuses demo accounts outside Development-like environments, then registers the
/// recurring jobs.
/// </summary>
internal sealed class PortalStartupService(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demoData = configuration.GetValue("Seed:DemoData", false);
        if (demoData && environment.IsProduction())
        {
            throw new PortalConfigurationException(
                "Seed:DemoData is true in Production; demo accounts share a public password. / 生产环境不得启用演示数据（Seed:DemoData）。");
        }

        await services.InitialisePortalDatabaseAsync(
            new SeedSettings(demoData, configuration["Bootstrap:AdminEmail"], configuration["Bootstrap:AdminPassword"]),
            cancellationToken);

        if (environment.IsProduction())
        {
            await RefuseDemoAccountsAsync(cancellationToken);
        }
        RecurringJobs.Register(services.GetRequiredService<IRecurringJobManager>());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RefuseDemoAccountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var suffix = "@" + DemoData.MailDomain.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail!.EndsWith(suffix), cancellationToken))
        {
            throw new PortalConfigurationException(
                $"The database holds demo accounts (*@{DemoData.MailDomain}) with the public demo password; remove them before running in Production. / 数据库中存在使用公开演示密码的演示账号，生产环境拒绝启动。");
        }
    }
}
