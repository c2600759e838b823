using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;
using Microsoft.EntityFrameworkCore;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

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

    /// <param name="demoData">Seeds the demo enterprises and people as well (else only the reference data and a first Admin).</param>
    public static async Task<SeededPortal> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null, bool demoData = false)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var services = InfrastructureServices.Create(database, configure: configure);
        await services.InitialisePortalDatabaseAsync(new SeedSettings(demoData, "it@taierzhuang.gov.cn", "Tez#Portal-2026"));
        return new SeededPortal(database, services);
    }

    /// <summary>Monday 2 March 2026, 09:00 in the district: the plain working morning request tests start on.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 9, 0, 0, WorkCalendar.Offset);

    /// <summary>The demo portal (enterprises, departments, people) on a fake clock that starts on <see cref="MondayMorning"/>.</summary>
    public static async Task<(SeededPortal Portal, FakeTimeProvider Time)> OnFakeClockAsync(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(MondayMorning);
        return (await CreateAsync(provider, s => s.AddSingleton<TimeProvider>(time), demoData: true), time);
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

    /// <summary>The demo person with this e-mail, as the request services see a signed-in user.</summary>
    public Task<PortalUser> UserAsync(string email) => Services.UserAsync(email);

    public Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query) => Services.QueryAsync(query);

    /// <summary>Runs <paramref name="use"/> with the request service of a new scope.</summary>
    public Task<T> RequestsAsync<T>(Func<RequestService, Task<T>> use) => Services.RequestsAsync(use);

    public Task RequestsAsync(Func<RequestService, Task> use) => RequestsAsync(async service =>
    {
        await use(service);
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
