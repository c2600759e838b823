using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>The escalation log as shown, beside its rows and whether more were recorded than it holds.</summary>
public sealed record EscalationLogBoard(DashboardTable Table, EscalationLog Log);

/// <summary>
/// 预警记录 as a dashboard table (<c>/dashboard/export/escalations.xlsx</c>): the levels the escalation scan recorded in
/// the period, in scope and filter, newest first, at most <see cref="DashboardBoards.EscalationLogLimit"/>.
/// </summary>
public sealed class EscalationLogTable(
    DashboardBoards boards, IStringLocalizer<DashboardResource> text, IStringLocalizer<RequestResource> requestText, PortalFormat format)
    : IDashboardTableSource
{
    public const string TableName = "escalations";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default) =>
        (await BoardAsync(user, choice, cancellationToken)).Table;

    public async Task<EscalationLogBoard> BoardAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var log = await boards.EscalationsAsync(user, choice.Period, choice.Filter, cancellationToken);
        string[] headers =
        [
            text["EscalationLog.RecordedAt"], text["EscalationLog.Number"], text["EscalationLog.Enterprise"], text["EscalationLog.Department"],
            text["EscalationLog.Deadline"], text["EscalationLog.Level"], text["EscalationLog.DueAt"],
        ];
        var cells = log.Rows.Select(r => (IReadOnlyList<DashboardCell>)
        [
            format.DateTime(r.RecordedAt), r.Number, r.Enterprise, r.Department ?? "—",
            requestText["Deadline." + r.Kind].Value, requestText["Level." + r.Level].Value, format.DateTime(r.DueAt),
        ]).ToList();
        return new EscalationLogBoard(new DashboardTable(Name, text["EscalationLog.Title"], headers, cells), log);
    }
}
