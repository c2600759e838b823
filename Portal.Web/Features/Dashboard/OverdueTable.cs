using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>The overdue board as shown, beside the rows it was made of: the panel acts on a row's number and version.</summary>
public sealed record OverdueBoard(DashboardTable Table, OverdueRequests Overdue);

/// <summary>
/// 超期督办 as a dashboard table (<c>/dashboard/export/overdue.xlsx</c>): every overdue request in scope now, the longest
/// overdue first, its working days late as a number. The period does not apply; the filter does.
/// </summary>
public sealed class OverdueTable(
    DashboardBoards boards, IStringLocalizer<DashboardResource> text, IStringLocalizer<RequestResource> requestText, PortalFormat format)
    : IDashboardTableSource
{
    public const string TableName = "overdue";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default) =>
        (await BoardAsync(user, choice, cancellationToken)).Table;

    public async Task<OverdueBoard> BoardAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var overdue = await boards.OverdueAsync(user, choice.Filter, cancellationToken);
        string[] headers =
        [
            text["Overdue.Number"], text["Overdue.RequestTitle"], text["Overdue.Enterprise"], text["Overdue.Deadline"], text["Overdue.Level"],
            text["Overdue.DueAt"], text["Overdue.WorkingDays"], text["Overdue.Department"], text["Overdue.Handler"], text["Overdue.Cadre"],
            text["Overdue.LastSupervised"],
        ];
        var cells = overdue.Rows.Select(r => (IReadOnlyList<DashboardCell>)
        [
            r.Number, r.Title, r.Enterprise, requestText["Deadline." + r.Kind].Value, requestText["Level." + r.Level].Value,
            format.DateTime(r.DueAt),
            new DashboardCell(r.WorkingDaysOverdue.ToString("0.0", CultureInfo.CurrentCulture), r.WorkingDaysOverdue),
            r.Department ?? "—", r.Handler ?? "—", r.Cadre ?? "—",
            r.LastSupervisedAt is { } at ? format.DateTime(at) : "—",
        ]).ToList();
        return new OverdueBoard(new DashboardTable(Name, text["Overdue.Title"], headers, cells), overdue);
    }
}
