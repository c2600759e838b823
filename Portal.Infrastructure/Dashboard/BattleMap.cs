using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Dashboard;

/// <summary>
/// One tile of the battle map: the open requests of a department, park or commissioner split by the worst level the
/// escalation scan has recorded on their running deadlines, so that the four counts add up to <see cref="Open"/> and each
/// is exactly what the request list shows for that level.
/// </summary>
public sealed record MapTile(string Key, string Name, int OnTrack, int Warning, int Overdue, int SeverelyOverdue)
{
    public int Open => OnTrack + Warning + Overdue + SeverelyOverdue;
}

/// <summary>The battle map now: its three grids, and the district's (or the reader's) open requests as a whole.</summary>
public sealed record MapView(IReadOnlyList<MapTile> Departments, IReadOnlyList<MapTile> Parks, IReadOnlyList<MapTile> Commissioners, MapTile Total);

/// <summary>
/// 挂图作战's map: the open requests now, by the department leading them, the park of their enterprise and the commissioner
/// they are with, each split into on track / warning / overdue / severely overdue. In the reader's scope and the
/// dashboard's filter (<see cref="DistrictFigures.Narrowed"/>); the period does not apply, the map is the present.
/// </summary>
/// <remarks>
/// The whole district unfiltered shows every department, park and commissioner, those with nothing open included, so
/// that the grid keeps its shape as it changes; a narrowed view shows only the tiles with something open. A request not
/// yet dispatched has no department: it counts in the total and its park's and commissioner's tiles.
/// </remarks>
public sealed class BattleMap(IDbContextFactory<PortalDbContext> contexts)
{
    private const int OnTrack = 0;
    private const int Warning = 1;
    private const int Overdue = 2;
    private const int Severe = 3;

    /// <summary>One open request as a grid counts it: the tile it falls in, and its worst level.</summary>
    private sealed record Counted(string? Key, int Level);

    public async Task<MapView> NowAsync(PortalUser user, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var requests = DistrictFigures.MayRead(user)
            ? DistrictFigures.Led(db, DistrictFigures.Narrowed(db, user, filter), filter)
            : db.ServiceRequests.Where(_ => false);
        var recorded = db.OfRunningDeadlines();
        // One row per open request, counted here three ways: by department, park and commissioner.
        var open = await (
                from r in requests.Where(r => DistrictFigures.OpenStates.Contains(r.State))
                join e in db.Enterprises on r.EnterpriseId equals e.Id
                select new
                {
                    r.LeadDepartmentId,
                    e.ParkId,
                    r.CommissionerUserId,
                    Level = recorded.Where(x => x.RequestId == r.Id)
                        .Max(x => (int?)(x.Level == EscalationLevel.SeverelyOverdue ? Severe : x.Level == EscalationLevel.Overdue ? Overdue : Warning)),
                })
            .ToListAsync(cancellationToken);
        var everything = user.Role is Roles.Supervisor or Roles.Admin && filter == FigureFilter.None;
        var departments = await db.Departments.OrderBy(d => d.Id).Select(d => new { Key = d.Id.ToString(), d.Name }).ToListAsync(cancellationToken);
        var parks = await db.Parks.OrderBy(p => p.Id).Select(p => new { Key = p.Id.ToString(), p.Name }).ToListAsync(cancellationToken);
        var commissioners = await db.UsersInRole(Roles.Commissioner).OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new { Key = u.Id, Name = u.DisplayName }).ToListAsync(cancellationToken);

        List<MapTile> Tiles(IEnumerable<(string Key, string Name)> all, IReadOnlyList<Counted> counts)
        {
            var byKey = counts.Where(c => c.Key is not null).ToLookup(c => c.Key!);
            return [.. all.Select(a => Tile(a.Key, a.Name, byKey[a.Key])).Where(t => everything || t.Open > 0)];
        }

        var total = Tile("", "", open.Select(o => new Counted(null, o.Level ?? OnTrack)));
        return new MapView(
            Tiles(departments.Select(d => (d.Key, d.Name)), [.. open.Select(o => new Counted(o.LeadDepartmentId?.ToString(), o.Level ?? OnTrack))]),
            Tiles(parks.Select(p => (p.Key, p.Name)), [.. open.Select(o => new Counted(o.ParkId.ToString(), o.Level ?? OnTrack))]),
            Tiles(commissioners.Select(c => (c.Key, c.Name)), [.. open.Select(o => new Counted(o.CommissionerUserId, o.Level ?? OnTrack))]),
            total);
    }

    private static MapTile Tile(string key, string name, IEnumerable<Counted> counts)
    {
        var at = counts.GroupBy(c => c.Level).ToDictionary(g => g.Key, g => g.Count());
        return new MapTile(key, name, at.GetValueOrDefault(OnTrack), at.GetValueOrDefault(Warning), at.GetValueOrDefault(Overdue), at.GetValueOrDefault(Severe));
    }
}
