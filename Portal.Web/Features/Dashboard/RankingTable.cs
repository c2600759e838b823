using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;

namespace Portal.Web.Features.Dashboard;

/// <summary>
/// 红黑榜 as a dashboard table (<c>/dashboard/export/ranking.xlsx|csv</c>): the departments of the month holding the
/// choice's first day (<see cref="DepartmentRanking"/>), the ranked in order, then those not ranked and why. Rates as
/// percentages with one decimal, their numbers the same percentages; the score in points with two decimals.
/// </summary>
public sealed class RankingTable(DepartmentRanking ranking, IStringLocalizer<DashboardResource> text) : IDashboardTableSource
{
    public string Name => "ranking";

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default) =>
        (await LoadAsync(user, choice, cancellationToken)).Table;

    /// <summary>The table and the ranking it shows, whose lines are the table's rows in the same order.</summary>
    public async Task<(DashboardTable Table, RankingView View)> LoadAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var view = await ranking.ForMonthOfAsync(user, choice.Period.First, choice.Filter, cancellationToken);
        var month = text["Period.MonthOf", view.Month.First.Year, view.Month.First.Month];
        IReadOnlyList<string> headers =
        [
            text["Ranking.Header.Rank"], text["Ranking.Header.Department"], text["Ranking.Header.Requests"],
            text["Ranking.Header.SignedInTime"], text["Ranking.Header.ResolvedInTime"], text["Ranking.Header.Satisfied"],
            text["Ranking.Header.Score"], text["Ranking.Header.List"],
        ];
        var rows = view.Standings.Select(s => (IReadOnlyList<DashboardCell>)
        [
            s.Rank is { } rank ? DashboardCell.Count(rank) : "—",
            s.Department,
            DashboardCell.Count(s.ResolvedInTime.Denominator),
            Percent(s.SignedInTime), Percent(s.ResolvedInTime), Percent(s.Satisfied),
            s.Rank is not null && s.Score is { } score ? new DashboardCell(score.ToString("0.00", CultureInfo.CurrentCulture), score) : "—",
            List(s),
        ]).ToList();
        return (new DashboardTable(Name, text["Ranking.Title", month], headers, rows), view);
    }

    /// <summary>As the screen shows it, and for a spreadsheet the percentage as shown (one decimal), so that the two agree.</summary>
    private static DashboardCell Percent(Rate rate) => rate.Value is { } value
        ? new DashboardCell(DashboardPage.Percent(value), double.Parse((value * 100).ToString("0.0", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        : DashboardPage.Percent(null);

    private string List(DepartmentStanding standing) => standing switch
    {
        { Rank: null, HasTooFewRequests: true } => text["Ranking.TooFew", DepartmentRanking.MinimumRequests],
        { Rank: null } => text["Ranking.NoScore"],
        { List: RankingList.Red } => text["Ranking.Red"],
        { List: RankingList.Black } => text["Ranking.Black"],
        _ => "",
    };
}
