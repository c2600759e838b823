using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// Identity builds its tables from its store options, which the running app and the design-time
/// tools must share, or the migrations and the model disagree (version 3 adds passkeys).
/// </summary>
internal static class IdentitySchema
{
    public static void Configure(StoreOptions stores) => stores.SchemaVersion = IdentitySchemaVersions.Version3;

    /// <summary>The application services a design-time context needs to see the same Identity schema.</summary>
    public static IServiceProvider DesignTimeServices() =>
        new ServiceCollection().Configure<IdentityOptions>(o => Configure(o.Stores)).BuildServiceProvider();
}
