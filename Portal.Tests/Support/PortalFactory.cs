using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;

namespace Portal.Tests.Support;

/// <summary>
/// The real portal, with its real Program, on a real database of the given provider. With
/// <paramref name="kestrel"/> it listens on a free loopback port so that a browser can reach it.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;

    public string PickupDirectory { get; }

    /// <summary>Where this portal keeps uploaded files: a folder of its own, removed with it.</summary>
    public string AttachmentDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-tests", "attachments-" + Guid.NewGuid().ToString("N"));

    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Changes to the portal's services, after its own (e.g. an EF Core interceptor).</param>
    public PortalFactory(
        TestDatabase database, bool runJobServer = false, bool kestrel = false, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _database = database;
        _services = services;
        PickupDirectory = Path.Combine(Path.GetTempPath(), "portal-tests", "mail-" + Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Portal"] = database.ConnectionString,
            ["Email:PickupDirectory"] = PickupDirectory,
            ["Jobs:RunServer"] = runJobServer ? "true" : "false",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Seed:DemoData"] = "true",
            ["Attachments:Directory"] = AttachmentDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public static async Task<PortalFactory> StartAsync(DatabaseProvider provider, bool runJobServer = false, bool kestrel = false)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new PortalFactory(database, runJobServer, kestrel);
        factory.StartServer();
        return factory;
    }

    public DatabaseProvider Provider => _database.Provider;

    /// <summary>The address Kestrel listens on (only with <c>kestrel: true</c>).</summary>
    public Uri ServerAddress =>
        new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the host serves only wwwroot; a browser also needs blazor.web.js and
        // MudBlazor's files, which the build leaves where the static web assets manifest points.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(PickupDirectory))
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
        if (Directory.Exists(AttachmentDirectory))
        {
            Directory.Delete(AttachmentDirectory, recursive: true);
        }
    }
}
