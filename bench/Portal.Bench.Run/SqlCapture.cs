using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Portal.Bench.Run;

/// <summary>One statement EF Core sent: its text and its parameters with their PostgreSQL types.</summary>
public sealed record CapturedStatement(string Sql, IReadOnlyList<(string Name, NpgsqlDbType Type, string? DataTypeName, object? Value)> Parameters)
{
    public NpgsqlCommand ToCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Sql, connection);
        foreach (var (name, type, dataTypeName, value) in Parameters)
        {
            var parameter = new NpgsqlParameter { ParameterName = name, Value = value ?? DBNull.Value };
            if (dataTypeName is not null)
            {
                parameter.DataTypeName = dataTypeName;
            }
            else
            {
                parameter.NpgsqlDbType = type;
            }
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

/// <summary>
/// Records the statements EF Core sends inside <see cref="RecordAsync"/> on this async flow only, so that B2 can send
/// exactly the same SQL through raw Npgsql. Outside a recording it does nothing.
/// </summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    private readonly AsyncLocal<List<CapturedStatement>?> _recording = new();

    public async Task<IReadOnlyList<CapturedStatement>> RecordAsync(Func<Task> call)
    {
        var statements = new List<CapturedStatement>();
        _recording.Value = statements;
        try
        {
            await call();
        }
        finally
        {
            _recording.Value = null;
        }
        return statements;
    }

    private void Record(DbCommand command)
    {
        if (_recording.Value is not { } statements)
        {
            return;
        }
        statements.Add(new CapturedStatement(command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>()
            .Select(p => (p.ParameterName, p.NpgsqlDbType, p.DataTypeName, p.Value))]));
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }
}
