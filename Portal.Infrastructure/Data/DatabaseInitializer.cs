using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Infrastructure.Configuration;
using Portal.Infrastructure.Data.Seeding;
using Portal.Infrastructure.Escalation;

namespace Portal.Infrastructure.Data;

public sealed record SeedSettings(bool DemoData, string? BootstrapAdminEmail, string? BootstrapAdminPassword);

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies the provider's migrations and seeds what is missing. A database that cannot be reached
    /// becomes a <see cref="PortalConfigurationException"/> naming the connection setting.
    /// </summary>
    public static async Task InitialisePortalDatabaseAsync(this IServiceProvider services, SeedSettings seed, CancellationToken cancellationToken = default)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        EnsureSqliteFolder(settings);
        try
        {
            await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken))
            {
                // A migration that builds an index or fills a column over a million requests takes minutes, not the
                // 30 seconds a page's command may.
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new PortalConfigurationException(
                $"Cannot reach the {settings.Provider} database at {settings.Describe()} ({DatabaseSettings.ConnectionStringKey}): {e.GetBaseException().Message.ReplaceLineEndings(" ")} / 无法连接数据库，请检查 {DatabaseSettings.ConnectionStringKey}。", e);
        }

        await using var scope = services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<PortalSeeder>();
        await seeder.SeedRolesAsync(cancellationToken);
        await seeder.SeedReferenceDataAsync(cancellationToken);
        await seeder.SeedCalendarAsync(cancellationToken);
        await seeder.SeedTimeLimitPoliciesAsync(cancellationToken);
        await services.GetRequiredService<EscalationSettingsService>().SeedAsync(cancellationToken);
        if (seed.DemoData)
        {
            await seeder.SeedDemoDataAsync(cancellationToken);
        }
        else
        {
            await seeder.BootstrapAdminAsync(seed.BootstrapAdminEmail, seed.BootstrapAdminPassword, cancellationToken);
        }
    }

    private static bool IsUnreachable(Exception e) =>
        e is NpgsqlException or SocketException or TimeoutException or SqliteException
        || e.InnerException is not null && IsUnreachable(e.InnerException);

    private static void EnsureSqliteFolder(DatabaseSettings settings)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
