using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Portal.Infrastructure.Data;

/// <summary>
/// Writes new rows of one entity type with PostgreSQL's binary <c>COPY</c>, on the context's connection and inside its
/// transaction, for the many rows of one unit of work (the escalation scan's notices and e-mails): far less work for
/// both sides than one <c>INSERT</c> each. The columns come from the EF model, with its value converters; a key the
/// database generates is left to it, and a foreign key left unset is taken from its navigation's saved principal.
/// The rows must not be tracked: they are written as they are, nothing is read back.
/// </summary>
internal static class PostgresCopy
{
    private sealed record Column(IProperty Property, string Name, Func<object, object?> Value);

    public static async Task WriteAsync(PortalDbContext db, IEntityType entityType, IReadOnlyCollection<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType != typeof(Guid)))
            .Select(p => new Column(p, p.GetColumnName(table)!, ValueOf(p)))
            .ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var name = entityType.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(table.Name)}" : Quote(table.Name);
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {name} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                switch (column.Value(row))
                {
                    case null:
                        await copy.WriteNullAsync(cancellationToken);
                        break;
                    case string text:
                        await copy.WriteAsync(text, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                        break;
                    case DateTimeOffset instant:
                        await copy.WriteAsync(instant.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz, cancellationToken);
                        break;
                    case Guid id:
                        await copy.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid, cancellationToken);
                        break;
                    case int number:
                        await copy.WriteAsync(number, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
                        break;
                    case long number:
                        await copy.WriteAsync(number, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case bool flag:
                        await copy.WriteAsync(flag, NpgsqlTypes.NpgsqlDbType.Boolean, cancellationToken);
                        break;
                    case var other:
                        throw new NotSupportedException($"COPY of {entityType.DisplayName()}.{column.Property.Name} ({other.GetType().Name}) is not supported.");
                }
            }
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Func<object, object?> ValueOf(IProperty property)
    {
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException($"COPY of the shadow property {property.DeclaringType.DisplayName()}.{property.Name} is not supported.");
        }
        var getter = property.GetGetter();
        var converter = property.GetTypeMapping().Converter;
        // An unset foreign key whose navigation holds the principal (saved just before): the principal's key.
        var principal = property.GetContainingForeignKeys()
            .Where(fk => fk.Properties.Count == 1 && fk.DependentToPrincipal is not null)
            .Select(fk => (Navigation: fk.DependentToPrincipal!.GetGetter(), Key: fk.PrincipalKey.Properties[0].GetGetter()))
            .FirstOrDefault();
        return row =>
        {
            var value = getter.GetClrValue(row);
            if (value is null && principal.Navigation?.GetClrValue(row) is { } parent)
            {
                value = principal.Key.GetClrValue(parent);
            }
            return value is not null && converter is not null ? converter.ConvertToProvider(value) : value;
        };
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
