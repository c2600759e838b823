using Microsoft.Extensions.Localization;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Resources;

namespace Portal.Web.Features.Dashboard.Tables;

/// <summary>The battle map's three grids as one table (grid, name, open, then each level's count), for its exports.</summary>
public sealed class BattleMapTable(BattleMap map, IStringLocalizer<DashboardResource> text, IStringLocalizer<RequestResource> requestText) : IDashboardTableSource
{
    public const string TableName = "map";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default) =>
        Of(await map.NowAsync(user, choice.Filter, cancellationToken));

    public DashboardTable Of(MapView view)
    {
        IEnumerable<IReadOnlyList<DashboardCell>> Rows(string grid, IEnumerable<MapTile> tiles) => tiles.Select(t => (IReadOnlyList<DashboardCell>)
        [
            grid, t.Name, DashboardCell.Count(t.Open), DashboardCell.Count(t.OnTrack), DashboardCell.Count(t.Warning),
            DashboardCell.Count(t.Overdue), DashboardCell.Count(t.SeverelyOverdue),
        ]);
        return new DashboardTable(
            TableName,
            text["Map.Title"],
            [
                text["Map.Column.Grid"], text["Map.Column.Name"], text["Map.Column.Open"],
                .. Enum.GetValues<EscalationLevel>().Select(l => requestText["Level." + l].Value),
            ],
            [
                .. Rows(text["Map.Departments"], view.Departments),
                .. Rows(text["Map.Parks"], view.Parks),
                .. Rows(text["Map.Commissioners"], view.Commissioners),
            ]);
    }
}
