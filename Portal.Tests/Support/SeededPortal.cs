using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;

namespace Portal.Tests.Support;

/// <summary>A migrated, seeded database of one provider with the infrastructure's services over it, disposed together.</summary>
public sealed class SeededPortal : IAsyncDisposable
{
    private readonly TestDatabase _database;

    public ServiceProvider Services { get; }

    private SeededPortal(TestDatabase database, ServiceProvider services)
    {
        _database = database;
        Services = services;
    }

    public static async Task<SeededPortal> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = InfrastructureServices.Create(database, configure: configure);
        await services.InitialisePortalDatabaseAsync(new SeedSettings(DemoData: false, "it@taierzhuang.gov.cn", "Tez#Portal-2026"));
        return new SeededPortal(database, services);
    }

    /// <summary>A second set of services over the same database: another web node, with a cache of its own.</summary>
    public ServiceProvider AnotherNode(Action<IServiceCollection>? configure = null) => InfrastructureServices.Create(_database, configure: configure);

    /// <summary>Runs <paramref name="use"/> with the calendar service of a new scope, as a request or a circuit would get it.</summary>
    public Task<T> CalendarAsync<T>(Func<WorkCalendarService, Task<T>> use) => CalendarAsync(Services, use);

    public static async Task<T> CalendarAsync<T>(IServiceProvider services, Func<WorkCalendarService, Task<T>> use)
    {
        await using var scope = services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<WorkCalendarService>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
