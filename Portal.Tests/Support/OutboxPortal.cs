using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Email;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Domain.Identity;

namespace Portal.Tests.Support;

/// <summary>
/// A migrated database of one provider with the outbox's real services over it, a pickup folder of its
/// own and a fake clock; more nodes (workers) can be started over the same database, folder and clock.
/// </summary>
public sealed class OutboxPortal : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly IDictionary<string, string?>? _settings;
    private readonly List<ServiceProvider> _nodes = [];

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
    public string PickupDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-tests", "outbox-" + Guid.NewGuid().ToString("N"));
    public ServiceProvider Services => _nodes[0];

    private OutboxPortal(TestDatabase database, IDictionary<string, string?>? settings)
    {
        _database = database;
        _settings = settings;
    }

    public static async Task<OutboxPortal> CreateAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        var portal = new OutboxPortal(await TestDatabase.CreateAsync(provider), settings);
        var services = portal.AnotherNode();
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return portal;
    }

    /// <summary>Another node over the same database, pickup folder and clock: another worker, or the same one restarted.</summary>
    public ServiceProvider AnotherNode(IDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>(_settings ?? new Dictionary<string, string?>());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var node = InfrastructureServices.Create(_database, PickupDirectory, s => s.AddSingleton<TimeProvider>(Time), merged);
        _nodes.Add(node);
        return node;
    }

    public EmailOptions Options => Services.GetRequiredService<IOptions<EmailOptions>>().Value;

    public static OutgoingEmail Email(string? to = "enterprise@yqby.test", string subject = "诉求已受理 / Request accepted", string? html = "<p>您的诉求已受理。</p>") =>
        new("user-1", to, "刘洋", subject, "您的诉求已受理。\nYour request was accepted.", html, "Request.Accepted", "YQBY-20260302-0001");

    /// <summary>Writes the messages in one transaction, as a use case would, without asking for delivery.</summary>
    public async Task<Guid[]> WriteAsync(params OutgoingEmail[] emails)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var ids = Services.GetRequiredService<Outbox>().Add(db, emails);
        await db.SaveChangesAsync();
        return [.. ids];
    }

    public OutboxDeliveryJob Job(IServiceProvider? node = null) => (node ?? Services).GetRequiredService<OutboxDeliveryJob>();

    public async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    public async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    /// <summary>Every file in the pickup folder, temporary ones included.</summary>
    public string[] AllFiles() =>
        Directory.Exists(PickupDirectory) ? Directory.GetFiles(PickupDirectory, "*", SearchOption.AllDirectories) : [];

    /// <summary>An admin as the outbox's administration takes one; nobody in the database, as in <see cref="Email"/>.</summary>
    public static PortalUser Admin { get; } = new("admin-1", Roles.Admin);

    public async Task<T> AdministrationAsync<T>(Func<OutboxAdministration, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<OutboxAdministration>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        await _database.DisposeAsync();
        if (Directory.Exists(PickupDirectory))
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
    }
}
