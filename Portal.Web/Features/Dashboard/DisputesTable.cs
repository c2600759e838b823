using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>The dispute queue as shown, beside its rows and whether the reader may review them.</summary>
public sealed record DisputesBoard(DashboardTable Table, DisputeQueue Queue);

/// <summary>
/// 不满意甄别 as a dashboard table (<c>/dashboard/export/disputes.xlsx</c>): the disputed ratings in scope waiting for
/// review now, the longest waiting first. The period does not apply; the filter does.
/// </summary>
public sealed class DisputesTable(
    DashboardBoards boards, IStringLocalizer<DashboardResource> text, IStringLocalizer<RequestResource> requestText, PortalFormat format)
    : IDashboardTableSource
{
    public const string TableName = "disputes";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default) =>
        (await BoardAsync(user, choice, cancellationToken)).Table;

    public async Task<DisputesBoard> BoardAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var queue = await boards.DisputesAsync(user, choice.Filter, cancellationToken);
        string[] headers =
        [
            text["Disputes.Number"], text["Disputes.Enterprise"], text["Disputes.Department"], text["Disputes.Rating"],
            text["Disputes.Comment"], text["Disputes.DisputedAt"],
        ];
        var cells = queue.Rows.Select(r => (IReadOnlyList<DashboardCell>)
        [
            r.Number, r.Enterprise, r.Department ?? "—", Rating(r), r.Comment ?? "—", format.DateTime(r.DisputedAt),
        ]).ToList();
        return new DisputesBoard(new DashboardTable(Name, text["Disputes.Title"], headers, cells), queue);
    }

    /// <summary>Both answers of the evaluation, as the request page words them: 未解决，不满意.</summary>
    private string Rating(DisputeRow row)
    {
        string?[] answers =
        [
            row.Solved is { } solved ? requestText[solved ? "Evaluation.Solved" : "Evaluation.Unsolved"].Value : null,
            row.Satisfaction is { } satisfaction ? requestText["Satisfaction." + satisfaction].Value : null,
        ];
        return string.Join(text["Disputes.RatingSeparator"], answers.OfType<string>());
    }
}
