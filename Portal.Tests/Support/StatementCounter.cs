using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;

namespace Portal.Tests.Support;

/// <summary>
/// Records every SQL statement the portal's EF Core contexts send, with the HTTP request it was sent for (by
/// <see cref="IHttpContextAccessor"/>; prerendering runs inside the request). Registered in one test host only,
/// so other tests running beside it add nothing.
/// </summary>
public sealed class StatementCounter : CommandRecorder
{
    private readonly ConcurrentQueue<(string? Trace, string? Path, string Sql)> _statements = new();
    private readonly IHttpContextAccessor _http;

    public StatementCounter(IHttpContextAccessor http) => _http = http;

    /// <summary>A running portal on a new database of <paramref name="provider"/> (demo data seeded), with a counter on its database contexts.</summary>
    public static async Task<(PortalFactory Portal, StatementCounter Counter)> StartAsync(DatabaseProvider provider, bool kestrel = false)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var portal = new PortalFactory(database, kestrel: kestrel, services: services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<StatementCounter>();
            services.ConfigureDbContext<SqlitePortalDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<StatementCounter>()));
            services.ConfigureDbContext<PostgresPortalDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<StatementCounter>()));
        });
        portal.StartServer();
        return (portal, portal.Services.GetRequiredService<StatementCounter>());
    }

    /// <summary>The statements sent while answering HTTP requests whose trace identifier is <paramref name="trace"/>.</summary>
    public IReadOnlyList<string> For(string trace) => [.. _statements.Where(s => s.Trace == trace).Select(s => s.Sql)];

    /// <summary>Every statement recorded so far, outside HTTP requests too.</summary>
    public IReadOnlyList<string> All => [.. _statements.Select(s => s.Sql)];

    public void Clear() => _statements.Clear();

    /// <summary>The statements sent for HTTP requests to <paramref name="path"/>: "/_blazor" is every circuit's.</summary>
    public IReadOnlyList<string> ForPath(string path) => [.. _statements.Where(s => s.Path == path).Select(s => s.Sql)];

    protected override void Record(DbCommand command)
    {
        var http = _http.HttpContext;
        _statements.Enqueue((http?.Request.Headers[TraceHeader].ToString() is { Length: > 0 } t ? t : null, http?.Request.Path.Value, command.CommandText));
    }

    /// <summary>The header a test sends to name the HTTP request whose statements it counts.</summary>
    public const string TraceHeader = "X-Statement-Trace";
}
