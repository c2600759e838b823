using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Dashboard;

/// <summary>How a series steps through its period: by day up to <see cref="DashboardSeries.MaxDailyDays"/> days, else by calendar month.</summary>
public enum SeriesStep
{
    Day,
    Month,
}

/// <summary>One point of a series: the days it covers, both counted in full (a month cut by a custom period's ends is cut too).</summary>
public sealed record SeriesBucket(DateOnly First, DateOnly Last);

/// <summary>Requests received (submitted) and resolutions (resolve events, a reopened request's each) in one bucket.</summary>
public sealed record ReceivedAndResolved(SeriesBucket Bucket, int Received, int Resolved);

/// <summary>
/// The resolve deadlines due in one bucket that were met, and their average working hours from start to resolution,
/// pauses excluded; null with none met.
/// </summary>
public sealed record ResolutionTime(SeriesBucket Bucket, int Met, double? AverageHours);

/// <summary>Requests received in the period with one category or industry (<paramref name="Id"/>), of <paramref name="Share"/>'s total.</summary>
public sealed record ReceivedShare(int Id, string Name, Rate Share);

/// <summary>
/// The period's evaluations by the satisfaction answered, as 满意率 counts them: a disputed rating (不满意甄别) once the
/// supervisors upheld it, none that they overturned, and those awaiting review apart; beside them the requests
/// auto-closed without a rating (未评价).
/// </summary>
public sealed record SatisfactionCounts(int Satisfied, int BasicallySatisfied, int Unsatisfied, int AwaitingReview, int NotRated)
{
    public int Rated => Satisfied + BasicallySatisfied + Unsatisfied;
}

/// <summary>
/// The series the battle map charts for a period, in the reader's scope and the filter, counted as
/// <see cref="DistrictFigures"/> counts its figures (its scope, filter and department charging are reused, not copied):
/// requests by the day they were submitted; resolutions, evaluations and auto-closes by when they happened; resolution
/// time by the resolve deadline's due time, over the met last deadline of each handling round.
/// </summary>
/// <remarks>
/// Days are the district's (+08:00). The instants are read and bucketed here rather than grouped by day in SQL: the two
/// providers store instants differently, and one column of one period's timestamps is small.
/// </remarks>
public sealed class DashboardSeries(IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars)
{
    /// <summary>A quarter's days: a longer period is charted by month, so that the chart stays readable.</summary>
    public const int MaxDailyDays = 92;

    public static SeriesStep StepOf(ReportingPeriod period) => period.Days <= MaxDailyDays ? SeriesStep.Day : SeriesStep.Month;

    /// <summary>The period's days, or its calendar months cut to the period.</summary>
    public static IReadOnlyList<SeriesBucket> Buckets(ReportingPeriod period)
    {
        var buckets = new List<SeriesBucket>();
        for (var first = period.First; first <= period.Last;)
        {
            var last = StepOf(period) == SeriesStep.Day ? first : new DateOnly(first.Year, first.Month, 1).AddMonths(1).AddDays(-1);
            if (last > period.Last)
            {
                last = period.Last;
            }
            buckets.Add(new SeriesBucket(first, last));
            first = last.AddDays(1);
        }
        return buckets;
    }

    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<IReadOnlyList<ReceivedAndResolved>> ReceivedAndResolvedAsync(
        PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var requests = DistrictFigures.Narrowed(db, user, filter);
        var (from, to) = (period.Start, period.End);
        var received = await DistrictFigures.Led(db, requests, filter)
            .Where(r => r.SubmittedAt >= from && r.SubmittedAt < to).Select(r => r.SubmittedAt).ToListAsync(cancellationToken);
        var resolved = await DistrictFigures.Charged(db, filter, requests,
                db.Set<RequestEvent>().AsNoTracking().Where(e => e.Action == RequestAction.Resolve && e.At >= from && e.At < to))
            .Select(e => e.At).ToListAsync(cancellationToken);
        var buckets = Buckets(period);
        var receivedIn = Tally(buckets, received);
        var resolvedIn = Tally(buckets, resolved);
        return [.. buckets.Select((b, i) => new ReceivedAndResolved(b, receivedIn[i], resolvedIn[i]))];
    }

    /// <summary>
    /// The average working hours to resolve (<see cref="PeriodFigures.AverageHoursToResolve"/>) of each bucket, by the due
    /// time of the resolve deadlines: the same deadlines the figures count in the period its due time falls in.
    /// </summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<IReadOnlyList<ResolutionTime>> ResolutionTimesAsync(
        PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var (from, to) = (period.Start, period.End);
        var met = await DistrictFigures.Charged(db, filter, DistrictFigures.Narrowed(db, user, filter), db.Set<RequestDeadline>().AsNoTracking()
                .Where(d => d.Kind == DeadlineKind.Resolve && d.Status == DeadlineStatus.Met && d.DueAt >= from && d.DueAt < to))
            .Select(d => new { d.DueAt, d.StartedAt, EndedAt = d.EndedAt!.Value, d.PausedWorkingTime })
            .ToListAsync(cancellationToken);
        var buckets = Buckets(period);
        var hours = met.ToLookup(
            d => IndexOf(buckets, d.DueAt),
            d => (calendar.WorkingTimeBetween(d.StartedAt, d.EndedAt) - d.PausedWorkingTime).TotalHours);
        return [.. buckets.Select((b, i) => new ResolutionTime(b, hours[i].Count(), hours[i].Any() ? hours[i].Average() : null))];
    }

    /// <summary>The requests received in the period by category, most first (then by the category's code); categories with none left out.</summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<IReadOnlyList<ReceivedShare>> ByCategoryAsync(
        PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var received = Received(db, user, period, filter);
        var counts = await received.GroupBy(r => r.CategoryId).Select(g => new { Id = g.Key, Count = g.Count() })
            .Join(db.RequestCategories, g => g.Id, c => c.Id, (g, c) => new { g.Id, c.Name, c.Code, g.Count })
            .ToListAsync(cancellationToken);
        var total = counts.Sum(c => c.Count);
        return [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).Select(c => new ReceivedShare(c.Id, c.Name, new Rate(c.Count, total)))];
    }

    /// <summary>The requests received in the period by their enterprise's industry, most first (then by the industry's id); industries with none left out.</summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<IReadOnlyList<ReceivedShare>> ByIndustryAsync(
        PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var received = Received(db, user, period, filter);
        var counts = await received.Join(db.Enterprises, r => r.EnterpriseId, e => e.Id, (r, e) => e.IndustryId)
            .GroupBy(industry => industry).Select(g => new { Id = g.Key, Count = g.Count() })
            .Join(db.Industries, g => g.Id, i => i.Id, (g, i) => new { g.Id, i.Name, g.Count })
            .ToListAsync(cancellationToken);
        var total = counts.Sum(c => c.Count);
        return [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Id).Select(c => new ReceivedShare(c.Id, c.Name, new Rate(c.Count, total)))];
    }

    /// <summary>The period's ratings by answer (<see cref="PeriodFigures.Satisfied"/> and <see cref="PeriodFigures.NotRated"/> counted apart).</summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<SatisfactionCounts> SatisfactionAsync(
        PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var requests = DistrictFigures.Narrowed(db, user, filter);
        var (from, to) = (period.Start, period.End);
        var events = db.Set<RequestEvent>().AsNoTracking().Where(e => e.At >= from && e.At < to);
        var reviews = db.Set<RequestEvent>().Where(r => r.Action == RequestAction.ReviewDispute);
        var ratings = await DistrictFigures.Charged(db, filter, requests, events
                .Where(e => (e.Action == RequestAction.Evaluate || e.Action == RequestAction.RecordFollowUpEvaluation) && e.Satisfaction != null))
            .Select(e => new
            {
                Satisfaction = e.Satisfaction!.Value,
                Disputed = e.StateAfter == RequestState.UnderReview,
                Upheld = reviews.Where(r => EF.Property<long>(r, "RequestId") == EF.Property<long>(e, "RequestId") && r.Sequence > e.Sequence)
                    .Select(r => r.Upheld).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var notRated = await DistrictFigures.Charged(db, filter, requests, events.Where(e => e.Action == RequestAction.AutoClose)).CountAsync(cancellationToken);
        var counted = ratings.Where(r => !r.Disputed || r.Upheld == true).ToList();
        return new SatisfactionCounts(
            counted.Count(r => r.Satisfaction == Satisfaction.Satisfied),
            counted.Count(r => r.Satisfaction == Satisfaction.BasicallySatisfied),
            counted.Count(r => r.Satisfaction == Satisfaction.Unsatisfied),
            ratings.Count(r => r.Disputed && r.Upheld is null),
            notRated);
    }

    /// <summary>The requests submitted in the period, charged as the figures' 受理 is (to the department leading them now).</summary>
    private static IQueryable<ServiceRequest> Received(PortalDbContext db, PortalUser user, ReportingPeriod period, FigureFilter filter)
    {
        var (from, to) = (period.Start, period.End);
        return DistrictFigures.Led(db, DistrictFigures.Narrowed(db, user, filter), filter).Where(r => r.SubmittedAt >= from && r.SubmittedAt < to);
    }

    private static int[] Tally(IReadOnlyList<SeriesBucket> buckets, IEnumerable<DateTimeOffset> instants)
    {
        var counts = new int[buckets.Count];
        foreach (var instant in instants)
        {
            counts[IndexOf(buckets, instant)]++;
        }
        return counts;
    }

    /// <summary>The bucket holding the instant's district day; the instant is one of the period's.</summary>
    private static int IndexOf(IReadOnlyList<SeriesBucket> buckets, DateTimeOffset instant)
    {
        var day = WorkCalendar.DayOf(instant);
        var (low, high) = (0, buckets.Count - 1);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = buckets[middle].Last < day ? (middle + 1, high) : (low, middle);
        }
        return low;
    }
}
