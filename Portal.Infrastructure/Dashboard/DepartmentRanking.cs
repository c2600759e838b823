using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Dashboard;

/// <summary>Which list of 红黑榜 a ranked department is on.</summary>
public enum RankingList
{
    /// <summary>Ranked, on neither list; or not ranked.</summary>
    None,

    /// <summary>红榜: the first.</summary>
    Red,

    /// <summary>黑榜: the last.</summary>
    Black,
}

/// <summary>
/// One department's line of 红黑榜: its three rates for the month (charged as <see cref="DistrictFigures"/> charges them),
/// its <see cref="Score"/> in points, and its <see cref="Rank"/> — null when it is not ranked (fewer than
/// <see cref="DepartmentRanking.MinimumRequests"/> resolve deadlines in the month, or no weighted rate to score).
/// </summary>
public sealed record DepartmentStanding(
    int DepartmentId, string Department, Rate SignedInTime, Rate ResolvedInTime, Rate Satisfied, double? Score, int? Rank, RankingList List)
{
    public bool HasTooFewRequests => ResolvedInTime.Denominator < DepartmentRanking.MinimumRequests;
}

/// <summary>The ranking of <paramref name="Month"/> with the weights it was scored by: the ranked in order, then the others by department.</summary>
public sealed record RankingView(ReportingPeriod Month, RankingWeights Weights, IReadOnlyList<DepartmentStanding> Standings);

/// <summary>
/// 红黑榜: the departments ranked each month by <see cref="RankingWeights"/> (0.3 × 及时签收率 + 0.4 × 按时办结率 + 0.3 ×
/// 满意率 by default), in the reader's scope (a cadre counts the requests of the enterprises they guarantee, a commissioner
/// theirs).
/// </summary>
/// <remarks>
/// <para>A department is ranked when at least <see cref="MinimumRequests"/> of the requests it is charged with have their
/// resolve deadline in the month (the denominator of its 按时办结率): fewer is too few to judge it by.</para>
/// <para>Ties: the higher score as shown (two decimals), then the higher 按时办结率, then the department's id; every
/// ranked department has its own place.</para>
/// <para>The first <see cref="ListSize"/> are 红榜 and the last as many 黑榜: three each, and with fewer than six ranked
/// half of them (rounded down) each, so no department is on both.</para>
/// </remarks>
public sealed class DepartmentRanking(DistrictFigures figures, IDbContextFactory<PortalDbContext> contexts, IOptions<RankingWeights> weights)
{
    /// <summary>Resolve deadlines in the month a department needs to be ranked.</summary>
    public const int MinimumRequests = 10;

    /// <summary>Departments on each list at most.</summary>
    public const int ListLength = 3;

    /// <summary>How many are on each list when <paramref name="ranked"/> departments are ranked.</summary>
    public static int ListSize(int ranked) => Math.Min(ListLength, ranked / 2);

    /// <summary>
    /// The ranking of the month holding <paramref name="day"/>, of the requests <paramref name="filter"/>'s park, industry,
    /// category and commissioner narrow to (its department is ignored: departments are what is ranked).
    /// </summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<RankingView> ForMonthOfAsync(PortalUser user, DateOnly day, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var month = ReportingPeriod.Containing(PeriodKind.Month, day);
        var byDepartment = await figures.ByDepartmentAsync(user, month, filter, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Departments.Where(d => byDepartment.Keys.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);

        var scoring = weights.Value;
        var counted = byDepartment
            .Where(d => d.Value.SignedInTime.Denominator + d.Value.ResolvedInTime.Denominator + d.Value.Satisfied.Denominator > 0)
            .Select(d => new DepartmentStanding(
                d.Key, names[d.Key], d.Value.SignedInTime, d.Value.ResolvedInTime, d.Value.Satisfied,
                scoring.Score(d.Value.SignedInTime.Value, d.Value.ResolvedInTime.Value, d.Value.Satisfied.Value), Rank: null, RankingList.None))
            .ToList();
        var ranked = counted.Where(s => !s.HasTooFewRequests && s.Score is not null)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.ResolvedInTime.Value).ThenBy(s => s.DepartmentId)
            .ToList();
        var onList = ListSize(ranked.Count);
        var standings = ranked.Select((s, i) => s with
            {
                Rank = i + 1,
                List = i < onList ? RankingList.Red : i >= ranked.Count - onList ? RankingList.Black : RankingList.None,
            })
            .Concat(counted.Except(ranked).OrderBy(s => s.DepartmentId))
            .ToList();
        return new RankingView(month, scoring, standings);
    }
}
