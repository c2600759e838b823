using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure;

namespace Portal.Tests.Support;

/// <summary>The infrastructure layer's real services on a real database, without a web host.</summary>
public static class InfrastructureServices
{
    /// <param name="configure">Runs after the portal's registrations, so that a test can add to them or replace one (the last registration wins).</param>
    /// <param name="settings">Configuration added to (or replacing) the defaults, e.g. <c>Email:Smtp:Host</c>.</param>
    public static ServiceProvider Create(TestDatabase database, string? pickupDirectory = null, Action<IServiceCollection>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Portal"] = database.ConnectionString,
            ["Email:PickupDirectory"] = pickupDirectory ?? Path.Combine(Path.GetTempPath(), "portal-tests", "mail-unused"),
            ["Jobs:RunServer"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPortalInfrastructure(configuration, AppContext.BaseDirectory);
        services.AddPortalIdentity();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
