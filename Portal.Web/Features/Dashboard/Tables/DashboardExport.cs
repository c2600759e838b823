using System.Data;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Web.Features.Admin;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard.Tables;

/// <summary>
/// <c>GET /dashboard/export/{name}.xlsx</c> and <c>.csv</c> (the dashboard's readers): the named table
/// (<see cref="IDashboardTableSource"/>) for the choice the query carries (<see cref="DashboardAddress"/>), in the reader's
/// scope, as the screen shows it. The workbook has the table's Chinese headers in its first row and the counts as numbers;
/// the CSV is UTF-8 with a byte-order mark, so that Excel on a Chinese Windows reads it. A refused choice is a 400 with
/// the refusal's text; a table name nobody serves is a 404.
/// </summary>
public static class DashboardExport
{
    public const string Path = "/dashboard/export";

    public static IEndpointRouteBuilder MapDashboardExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path + "/{name}.{format}", ExportAsync)
            .RequireAuthorization(policy => policy.RequireRole(PortalNavigation.DashboardReaders.Split(',')));
        return app;
    }

    /// <summary>Where the table named <paramref name="name"/> for <paramref name="choice"/> downloads as <paramref name="format"/> ("xlsx" or "csv").</summary>
    public static string Href(string name, string format, DashboardChoice choice) =>
        $"{Path}/{name}.{format}{DashboardAddress.Of(choice).Query()}";

    private static async Task ExportAsync(
        string name, string format, string? period, string? from, string? to, int? department, int? park, int? industry, int? category, string? commissioner,
        HttpContext context, IEnumerable<IDashboardTableSource> sources, IStringLocalizer<RefusalResource> refusals, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.Name == name);
        if (source is null || format is not ("xlsx" or "csv"))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        DashboardTable table;
        try
        {
            var choice = new DashboardAddress(period, from, to, department, park, industry, category, commissioner).Choice(WorkCalendar.DayOf(time.GetUtcNow()));
            table = await source.TableAsync(context.User.ToPortalUser(), choice, cancellationToken);
        }
        catch (DomainException refusal)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(refusals.Describe(refusal), cancellationToken);
            return;
        }
        var stamp = time.GetUtcNow().ToOffset(WorkCalendar.Offset).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}-{stamp}.{format}\"";
        var body = new MemoryStream();
        if (format == "xlsx")
        {
            context.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            await WriteXlsxAsync(body, table, cancellationToken);
        }
        else
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            await WriteCsvAsync(body, table, cancellationToken);
        }
        body.Position = 0;
        await body.CopyToAsync(context.Response.Body, cancellationToken);
    }

    /// <summary>The table as one worksheet: the headers, then each row; a cell with a number holds the number.</summary>
    public static async Task WriteXlsxAsync(Stream stream, DashboardTable table, CancellationToken cancellationToken = default)
    {
        using var data = new DataTable(table.Name);
        foreach (var header in table.Headers)
        {
            data.Columns.Add(header, typeof(object));
        }
        foreach (var row in table.Rows)
        {
            data.Rows.Add([.. row.Select(cell => cell.Number is { } number ? (object)number : cell.Text)]);
        }
        await MiniExcel.SaveAsAsync(stream, data, printHeader: true, sheetName: SheetName(table.Title), excelType: ExcelType.XLSX,
            cancellationToken: cancellationToken);
    }

    /// <summary>The table as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark), each cell the text the screen shows.</summary>
    public static async Task WriteCsvAsync(Stream stream, DashboardTable table, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(AuditExport.Line([.. table.Headers]));
        foreach (var row in table.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteLineAsync(AuditExport.Line([.. row.Select(cell => cell.Text)]));
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Excel's rule for a sheet's name: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    private static string SheetName(string title)
    {
        var name = new string([.. title.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c)]);
        return name.Length > 31 ? name[..31] : name.Length == 0 ? "Sheet1" : name;
    }
}
