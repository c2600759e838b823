using Microsoft.Data.Sqlite;
using Npgsql;
using Portal.Infrastructure.Data;

namespace Portal.Tests.Support;

/// <summary>
/// A new, empty, real database for one test or fixture: a SQLite file in a temporary folder, or a
/// database created on the PostgreSQL server that ./test.sh starts (its admin connection string is in
/// PORTAL_TEST_POSTGRES). Disposing drops it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";

    private readonly string? _postgresName;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => CreateSqlite(),
        DatabaseProvider.Postgres => await CreatePostgresAsync(),
    };

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run the tests through ./test.sh, which starts a PostgreSQL server for them.");

    private static TestDatabase CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db") };
        return new TestDatabase(DatabaseProvider.Sqlite, builder.ToString(), null);
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var name = $"portal_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(PostgresAdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdminConnectionString) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ToString(), name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresAdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearAllPools();
            var folder = Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource)!;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing host; the temp folder is cleared by the OS.
            }
        }
    }
}
