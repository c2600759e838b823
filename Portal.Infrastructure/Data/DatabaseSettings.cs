using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Portal.Infrastructure.Configuration;

namespace Portal.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:Portal</c>, checked before anything uses them.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Portal";

    /// <summary>Reads and checks the settings; a relative SQLite path is resolved against <paramref name="contentRoot"/>.</summary>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var providerText = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(providerText))
        {
            throw new PortalConfigurationException($"{ProviderKey} is not set: use Sqlite or Postgres. / 未设置 {ProviderKey}：应为 Sqlite 或 Postgres。");
        }
        if (!Enum.TryParse<DatabaseProvider>(providerText.Trim(), ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            throw new PortalConfigurationException($"{ProviderKey} '{providerText}' is unknown: use Sqlite or Postgres. / {ProviderKey} 的值“{providerText}”无效：应为 Sqlite 或 Postgres。");
        }

        var connectionString = configuration[ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new PortalConfigurationException($"{ConnectionStringKey} is not set. / 未设置数据库连接字符串 {ConnectionStringKey}。");
        }

        return provider switch
        {
            DatabaseProvider.Sqlite => new DatabaseSettings(provider, NormaliseSqlite(connectionString, contentRoot)),
            DatabaseProvider.Postgres => new DatabaseSettings(provider, NormalisePostgres(connectionString)),
        };
    }

    /// <summary>Where the connection points, without its password: for messages and logs.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(ConnectionString).DataSource,
        DatabaseProvider.Postgres => DescribePostgres(new NpgsqlConnectionStringBuilder(ConnectionString)),
    };

    private static string DescribePostgres(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}/{builder.Database}";

    private static string NormaliseSqlite(string connectionString, string contentRoot)
    {
        var builder = Parse(() => new SqliteConnectionStringBuilder(connectionString), "Data Source=App_Data/portal.db");
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw Malformed("it names no Data Source", "Data Source=App_Data/portal.db");
        }
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }
        return builder.ToString();
    }

    /// <summary>How many of its most used statements each PostgreSQL connection keeps prepared, unless the connection string says.</summary>
    public const int AutoPreparedStatements = 64;

    private static string NormalisePostgres(string connectionString)
    {
        const string example = "Host=127.0.0.1;Port=5432;Database=portal;Username=portal;Password=…";
        var builder = Parse(() => new NpgsqlConnectionStringBuilder(connectionString), example);
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw Malformed("it names no Host", example);
        }
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw Malformed("it names no Database", example);
        }
        // The portal's statements are short reads and writes; PostgreSQL's JIT compiles any that it estimates costly,
        // and for the escalation scan's selection (every 15 s) spent 2 s of CPU compiling a query that then ran in 1 s
        // (bench/README.md). Off for the portal's sessions unless the connection string says otherwise.
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : $"{builder.Options} -c jit=off";
        }
        // A page sends the same few statements every time: prepared once per pooled connection, PostgreSQL parses and
        // plans them once rather than on every execution (bench/README.md, B1). Unless the connection string says otherwise.
        if (!Sets(connectionString, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }
        // A connection handed back to the pool is not reset: with prepared statements Npgsql cannot reset it with one
        // DISCARD ALL and sends seven statements instead, before every one of a page's queries (bench/README.md, B1). The
        // portal leaves no session state behind: no SET outside a transaction, no temporary tables, LISTEN or advisory locks.
        if (!Sets(connectionString, "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ToString();
    }

    /// <summary>Whether a connection string sets a keyword, however it spaces it ("Max Auto Prepare", "MaxAutoPrepare").</summary>
    private static bool Sets(string connectionString, string keyword) =>
        connectionString.Replace(" ", "").Contains(keyword + "=", StringComparison.OrdinalIgnoreCase);

    private static T Parse<T>(Func<T> parse, string example) where T : DbConnectionStringBuilder
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw Malformed(e.Message.ReplaceLineEndings(" "), example, e);
        }
    }

    private static PortalConfigurationException Malformed(string why, string example, Exception? inner = null) =>
        new($"{ConnectionStringKey} is malformed ({why}); expected e.g. \"{example}\". / 数据库连接字符串 {ConnectionStringKey} 格式错误。", inner);
}
