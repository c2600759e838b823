using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// The portal's PostgreSQL sessions run without PostgreSQL's JIT, prepare their most used statements and go back to the pool without a
/// reset (bench/README.md), unless the connection string says otherwise.
/// </summary>
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
        var settings = Normalised(connectionString);

        Assert.Equal(options, new NpgsqlConnectionStringBuilder(settings.ConnectionString).Options);
    }

    [Fact]
    public async Task ThePortalsSessions_PrepareTheStatementsTheySendAgainAndAgain()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Postgres);

        // Npgsql prepares a statement on its fifth use (AutoPrepareMinUsages): a page's statements are used far more.
        var prepared = await portal.QueryAsync(async db =>
        {
            for (var i = 0; i < 6; i++)
            {
                await db.Departments.CountAsync(d => d.Id > i);
            }
            return await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        });

        Assert.Contains(prepared, s => s.Contains("\"Departments\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Host=db;Database=portal", DatabaseSettings.AutoPreparedStatements)]
    [InlineData("Host=db;Database=portal;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=portal;MaxAutoPrepare=8", 8)]
    public void TheConnectionString_GainsAutoPrepare_UnlessItSetsIt(string connectionString, int maxAutoPrepare)
    {
        var settings = Normalised(connectionString);

        Assert.Equal(maxAutoPrepare, new NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db;Database=portal", true)]
    [InlineData("Host=db;Database=portal;No Reset On Close=false", false)]
    [InlineData("Host=db;Database=portal;NoResetOnClose=false", false)]
    public void TheConnectionString_GainsNoResetOnClose_UnlessItSetsIt(string connectionString, bool noResetOnClose)
    {
        var settings = Normalised(connectionString);

        Assert.Equal(noResetOnClose, new NpgsqlConnectionStringBuilder(settings.ConnectionString).NoResetOnClose);
    }

    private static DatabaseSettings Normalised(string connectionString) => DatabaseSettings.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "Postgres",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build(),
        "/");
}
