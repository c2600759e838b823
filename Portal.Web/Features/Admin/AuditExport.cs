using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Audit;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Admin;

/// <summary>
/// <c>GET /admin/audit/export</c> (Admin only): the entries the audit page's filter selects, as CSV in UTF-8
/// with a byte-order mark — without one, Excel on a Chinese Windows reads the file as GBK and garbles it.
/// </summary>
public static class AuditExport
{
    public const string Path = "/admin/audit/export";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(DependencyInjection.AdminPolicy);
        return app;
    }

    public static string Href(AuditFilter filter) => Path + filter.ToQueryString();

    private static async Task ExportAsync(string? user, string? kind, string? from, string? to, HttpContext context,
        AuditLog audit, IStringLocalizer<AdminResource> text, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, errors) = new AuditFilter(user, kind, from, to).Parse();
        if (query is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(string.Join("\n", errors.Values.Select(key => text[key].Value)), cancellationToken);
            return;
        }
        var stamp = time.GetUtcNow().ToOffset(Portal.Domain.Calendar.WorkCalendar.Offset).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{stamp}.csv\"";
        context.Response.Headers.CacheControl = "private, no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        await writer.WriteLineAsync(Line(
            text["Audit.Column.At"], text["Audit.Column.Actor"], text["Audit.Column.Kind"], text["Audit.Column.SubjectType"],
            text["Audit.Column.Subject"], text["Audit.Column.Before"], text["Audit.Column.After"], text["Audit.Column.Ip"]));
        await foreach (var row in audit.ExportAsync(context.User.ToPortalUser(), query, cancellationToken))
        {
            await writer.WriteLineAsync(Line(
                row.At.ToOffset(Portal.Domain.Calendar.WorkCalendar.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                row.ActorName, AuditText.Kind(text, row.Kind), row.SubjectType, row.SubjectLabel, row.Before, row.After, row.IpAddress));
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>One CSV line (RFC 4180 quoting); a cell that a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    public static string Line(params string?[] cells) => string.Join(",", cells.Select(Cell));

    private static string Cell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

/// <summary>The audit log's words in the user's language.</summary>
public static class AuditText
{
    /// <summary>The kind's name; a kind without one (a later addition) shows its code.</summary>
    public static string Kind(IStringLocalizer<AdminResource> text, string kind) =>
        text["Audit.Kind." + kind] is { ResourceNotFound: false } name ? name.Value : kind;
}
