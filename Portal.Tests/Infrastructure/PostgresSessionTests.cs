using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

/// <summary>The portal's PostgreSQL sessions run without PostgreSQL's JIT (bench/README.md), unless the connection string says otherwise.</summary>
public class PostgresSessionTests
{
    [Fact]
    public async Task ThePortalsSessions_RunWithoutJit()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Postgres);

        var jit = await portal.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_setting('jit') AS \"Value\"").SingleAsync());

        Assert.Equal("off", jit);
    }

    [Theory]
    [InlineData("Host=db;Database=portal", "-c jit=off")]
    [InlineData("Host=db;Database=portal;Options=-c statement_timeout=5000", "-c statement_timeout=5000 -c jit=off")]
    [InlineData("Host=db;Database=portal;Options=-c jit=on", "-c jit=on")]
    public void TheConnectionString_GainsJitOff_UnlessItSetsJit(string connectionString, string options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "Postgres",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build();

        var settings = DatabaseSettings.FromConfiguration(configuration, "/");

        Assert.Equal(options, new NpgsqlConnectionStringBuilder(settings.ConnectionString).Options);
    }
}
