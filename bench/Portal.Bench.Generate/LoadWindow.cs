using Npgsql;

namespace Portal.Bench.Generate;

/// <summary>
/// For the length of the bulk load, the written tables' secondary indexes and foreign keys are dropped, and then
/// made again from their own definitions (read from the catalogue, so whatever the migrations declare comes back):
/// building an index once over sorted data is far cheaper than keeping it up row by row, and re-adding a foreign key
/// checks every row in one join. Primary keys stay. <see cref="RestoreAsync"/> also runs when the load fails.
/// </summary>
public sealed class LoadWindow
{
    public static readonly string[] Tables = ["ServiceRequests", "RequestEvents", "RequestDeadlines", "RequestCoHandlers", "PortalNotifications", "Escalations"];

    private readonly List<(string Name, string Definition)> _indexes = [];
    private readonly List<(string Table, string Name, string Definition)> _foreignKeys = [];

    public static async Task<LoadWindow> OpenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var window = new LoadWindow();
        await using (var command = new NpgsqlCommand("""
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid = ANY(@tables::regclass[])
            ORDER BY 1, 2
            """, connection))
        {
            command.Parameters.AddWithValue("tables", Tables.Select(t => $"\"{t}\"").ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                window._foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        await using (var command = new NpgsqlCommand("""
            SELECT quote_ident(ci.relname), pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid
            WHERE i.indrelid = ANY(@tables::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """, connection))
        {
            command.Parameters.AddWithValue("tables", Tables.Select(t => $"\"{t}\"").ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                window._indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        foreach (var (table, name, _) in window._foreignKeys)
        {
            await ExecuteAsync(connection, $"""ALTER TABLE {table} DROP CONSTRAINT "{name}" """, cancellationToken);
        }
        foreach (var (name, _) in window._indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}", cancellationToken);
        }
        return window;
    }

    public int Indexes => _indexes.Count;
    public int ForeignKeys => _foreignKeys.Count;

    /// <summary>Each table's indexes on a connection of its own, side by side; then the foreign keys.</summary>
    public async Task RestoreAsync(NpgsqlDataSource dataSource, Action<string> report, CancellationToken cancellationToken)
    {
        var byTable = _indexes.GroupBy(i => i.Definition[(i.Definition.IndexOf(" ON ", StringComparison.Ordinal) + 4)..].Split(' ')[0]);
        await Task.WhenAll(byTable.Select(async table =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(connection, "SET maintenance_work_mem = '256MB'", cancellationToken);
            foreach (var (name, definition) in table)
            {
                report($"index {name}");
                await ExecuteAsync(connection, definition, cancellationToken);
            }
        }));
        await Task.WhenAll(_foreignKeys.GroupBy(f => f.Table).Select(async table =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            foreach (var (name, definition) in table.Select(f => (f.Name, f.Definition)))
            {
                report($"foreign key {name}");
                await ExecuteAsync(connection, $"""ALTER TABLE {table.Key} ADD CONSTRAINT "{name}" {definition}""", cancellationToken);
            }
        }));
        _indexes.Clear();
        _foreignKeys.Clear();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
