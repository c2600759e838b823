using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Dashboard;

/// <summary>
/// What the figures may be narrowed to; null is "all". A department narrows each measure to what is charged to it (see
/// <see cref="DistrictFigures"/>); the others narrow the requests: by the enterprise's park or industry, the category,
/// the commissioner the request is with.
/// </summary>
public sealed record FigureFilter(int? DepartmentId = null, int? ParkId = null, int? IndustryId = null, int? CategoryId = null, string? CommissionerUserId = null)
{
    public static FigureFilter None { get; } = new();

    public bool NarrowsRequests => ParkId is not null || IndustryId is not null || CategoryId is not null || CommissionerUserId is not null;
}

/// <summary>
/// The figures of one period (DESIGN.md §4, README "Figures"). A rate's denominator is what counts for it; a deadline still
/// running and not yet due counts nowhere but in its <c>…Pending</c>.
/// </summary>
public sealed record PeriodFigures(
    int Received,
    int Resolved,
    Rate SignedInTime,
    int SignPending,
    Rate ResolvedInTime,
    int ResolvePending,
    Rate Solved,
    Rate Satisfied,
    int NotRated,
    int AwaitingReview,
    Rate Returned,
    Rate Reopened,
    double? AverageHoursToSign,
    double? AverageHoursToResolve);

/// <summary>The requests not yet resolved now, and how many of them each escalation level holds at its worst.</summary>
public sealed record OpenLoad(int Open, int Warning, int Overdue, int SeverelyOverdue);

public sealed record CommissionerChoice(string Id, string Name);

/// <summary>The lists a dashboard filter chooses from.</summary>
public sealed record FigureChoices(
    IReadOnlyList<QueueChoice> Departments, IReadOnlyList<QueueChoice> Parks, IReadOnlyList<QueueChoice> Industries,
    IReadOnlyList<QueueChoice> Categories, IReadOnlyList<CommissionerChoice> Commissioners);

/// <summary>A period's figures beside the previous period's, and the load now.</summary>
public sealed record FiguresView(ReportingPeriod Period, PeriodFigures Current, PeriodFigures Previous, OpenLoad Now);

/// <summary>
/// 三率 and the other figures the supervisors live by, for a period and the one before it, computed from the deadlines
/// and the timeline as they stand. Supervisors and admins see the whole district; a cadre the requests of the
/// enterprises they guarantee; a commissioner theirs; anyone else nothing.
/// </summary>
/// <remarks>
/// <para>A deadline counts in the period its due time falls in, once it is decided: met (in time or late), or past due
/// and not met (still running, or ended unmet after its due time: a request withdrawn after the deadline, a sign deadline
/// cut short by a return or transfer once overdue). One that ended unmet before its due time (withdrawn, returned,
/// transferred in time) counts nowhere. Of the resolve deadlines only the last of each handling round counts: those an
/// extension or the first co-handler replaced (superseded) do not; a reopen starts a new round.</para>
/// <para>Events count by their time: returns and dispatches (transfers included) charged to the department returning or
/// sent it; evaluations (the enterprise's and those staff recorded at a follow-up), resolutions, reopens, auto-closes.</para>
/// </remarks>
public sealed class DistrictFigures(
    IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, TimeProvider time)
{
    internal static readonly RequestState[] OpenStates =
        [RequestState.Submitted, RequestState.Dispatched, RequestState.InProgress, RequestState.AwaitingEnterprise, RequestState.UnderReview];

    private static readonly RequestAction[] CountedActions =
    [
        RequestAction.Dispatch, RequestAction.Transfer, RequestAction.Return, RequestAction.Resolve, RequestAction.Evaluate,
        RequestAction.RecordFollowUpEvaluation, RequestAction.AutoClose,
    ];

    private static readonly RequestAction[] ChargedToTheirDepartment = [RequestAction.Dispatch, RequestAction.Transfer, RequestAction.Return];

    public static bool MayRead(PortalUser user) => user.Role is Roles.Supervisor or Roles.Admin or Roles.Cadre or Roles.Commissioner;

    /// <summary>The figures of <paramref name="period"/> and the period before it, narrowed by <paramref name="filter"/>.</summary>
    /// <exception cref="DomainException">The filter names a department, park, industry, category or commissioner that does not exist.</exception>
    public async Task<FiguresView> ForPeriodAsync(PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckAsync(db, filter, cancellationToken);
        var requests = await NarrowedAsync(db, user, filter, cancellationToken);
        var tallies = await TallyAsync(db, filter, requests, period.Previous().Start, period.Start, period.End, byDepartment: false, cancellationToken);
        return new FiguresView(
            period, tallies.Figures(current: true, _ => true), tallies.Figures(current: false, _ => true), await LoadAsync(db, filter, requests, cancellationToken));
    }

    /// <summary>
    /// The figures of <paramref name="period"/> of each department something was charged to, as
    /// <see cref="ForPeriodAsync"/> gives them for a filter naming that department, computed together in one pass. The
    /// filter's department is ignored: every department is counted; its park, industry, category and commissioner narrow
    /// the requests.
    /// </summary>
    /// <exception cref="DomainException">The filter names a park, industry, category or commissioner that does not exist.</exception>
    public async Task<IReadOnlyDictionary<int, PeriodFigures>> ByDepartmentAsync(
        PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var requestsOnly = filter with { DepartmentId = null };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckAsync(db, requestsOnly, cancellationToken);
        var tallies = await TallyAsync(
            db, requestsOnly, await NarrowedAsync(db, user, requestsOnly, cancellationToken), period.Start, period.Start, period.End, byDepartment: true, cancellationToken);
        return tallies.Departments().ToDictionary(d => d, d => tallies.Figures(current: true, charged => charged == d));
    }

    /// <summary>
    /// What the figures of the periods from <paramref name="from"/> to <paramref name="split"/> (previous) and from
    /// <paramref name="split"/> to <paramref name="to"/> (current) are made of, by the department each part is charged to.
    /// Unnarrowed requests are read from the rollup (decision 019) where it holds the days: its rows of the days not marked
    /// since, the running deadlines and the marked days counted live beside them. Otherwise everything is counted live; the
    /// events by department only when <paramref name="byDepartment"/> (otherwise under no department).
    /// </summary>
    private async Task<Tallies> TallyAsync(
        PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests,
        DateTimeOffset from, DateTimeOffset split, DateTimeOffset to, bool byDepartment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // One snapshot for the rollup, its marks and what is counted live beside them.
        await using var snapshot = await FigureRollup.SnapshotAsync(db, cancellationToken);
        var calendar = await calendars.GetCalendarAsync(db, cancellationToken);
        if (requests is null && await FigureRollup.ServesAsync(db, from, split, to, cancellationToken))
        {
            var tallies = await FigureRollup.ReadAsync(db, filter, from, split, to, cancellationToken)
                + await LiveAsync(db, filter, null, from, split, to, now, calendar, byDepartment, DeadlinesOf.Running, eventsToo: false, cancellationToken);
            foreach (var (start, end) in await FigureRollup.MarkedAsync(db, from, to, cancellationToken))
            {
                tallies += await LiveAsync(db, filter, null, start, split, end, now, calendar, byDepartment, DeadlinesOf.Ended, eventsToo: true, cancellationToken);
            }
            return tallies;
        }
        return await LiveAsync(db, filter, requests, from, split, to, now, calendar, byDepartment, DeadlinesOf.All, eventsToo: true, cancellationToken);
    }

    /// <summary>Which deadlines a tally reads: all; those ended (what the rollup keeps); those still running (what it never keeps).</summary>
    internal enum DeadlinesOf { All, Ended, Running }

    /// <summary>
    /// The tallies counted from the deadlines (<paramref name="deadlines"/> of them) and, when <paramref name="eventsToo"/>,
    /// the events, disputes and submissions, as they stand: what the rollup keeps of a day, and what is counted beside it.
    /// </summary>
    internal static async Task<Tallies> LiveAsync(
        PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests, DateTimeOffset from, DateTimeOffset split, DateTimeOffset to,
        DateTimeOffset now, WorkCalendar calendar, bool byDepartment, DeadlinesOf deadlines, bool eventsToo, CancellationToken cancellationToken)
    {
        var tallies = Tallies.Empty() with
        {
            Deadlines = await DeadlinesAsync(db, filter, requests, from, split, to, now, calendar, deadlines, cancellationToken),
        };
        if (!eventsToo)
        {
            return tallies;
        }
        return tallies with
        {
            Events = await EventsAsync(db, filter, requests, from, split, to, byDepartment, cancellationToken),
            Disputes = await DisputesAsync(db, filter, requests, from, split, to, cancellationToken),
            Received = await Led(db, requests, filter).Where(r => r.SubmittedAt >= from && r.SubmittedAt < to)
                .GroupBy(r => new { Current = r.SubmittedAt >= split, Department = r.LeadDepartmentId })
                .Select(g => new { g.Key.Current, g.Key.Department, Count = g.Count() })
                .ToDictionaryAsync(g => (g.Current, g.Department), g => g.Count, cancellationToken),
        };
    }

    /// <summary>The counts behind the figures, each keyed by the department it is charged to (null: none); added key by key.</summary>
    internal sealed record Tallies(
        Dictionary<(DeadlineKind Kind, bool Current, int? Department), DeadlineTally> Deadlines,
        Dictionary<(RequestAction Action, bool Current, int? Department), EventTally> Events,
        Dictionary<(bool Current, int? Department, bool Satisfied, bool? Upheld), int> Disputes,
        Dictionary<(bool Current, int? Department), int> Received)
    {
        public static Tallies Empty() => new([], [], [], []);

        public static Tallies operator +(Tallies a, Tallies b) => new(
            Sum(a.Deadlines, b.Deadlines, (x, y) => x + y), Sum(a.Events, b.Events, (x, y) => x + y),
            Sum(a.Disputes, b.Disputes, (x, y) => x + y), Sum(a.Received, b.Received, (x, y) => x + y));

        private static Dictionary<TKey, TValue> Sum<TKey, TValue>(Dictionary<TKey, TValue> a, Dictionary<TKey, TValue> b, Func<TValue, TValue, TValue> add)
            where TKey : notnull
        {
            var sum = new Dictionary<TKey, TValue>(a);
            foreach (var (key, value) in b)
            {
                sum[key] = sum.TryGetValue(key, out var known) ? add(known, value) : value;
            }
            return sum;
        }

        public IEnumerable<int> Departments() =>
            Deadlines.Keys.Select(k => k.Department).Concat(Events.Keys.Select(k => k.Department))
                .Concat(Disputes.Keys.Select(k => k.Department)).Concat(Received.Keys.Select(k => k.Department))
                .OfType<int>().Distinct().Order();

        /// <summary>The figures of the current or the previous period, of what is charged to the departments <paramref name="counts"/> takes (null among them).</summary>
        public PeriodFigures Figures(bool current, Func<int?, bool> counts)
        {
            DeadlineTally Deadline(DeadlineKind kind) => Deadlines.Where(t => t.Key.Kind == kind && t.Key.Current == current && counts(t.Key.Department))
                .Aggregate(DeadlineTally.None, (sum, t) => sum + t.Value);
            EventTally Event(RequestAction action) => Events.Where(t => t.Key.Action == action && t.Key.Current == current && counts(t.Key.Department))
                .Aggregate(EventTally.None, (sum, t) => sum + t.Value);
            int Disputed(Func<(bool Current, int? Department, bool Satisfied, bool? Upheld), bool> which) =>
                Disputes.Where(d => d.Key.Current == current && counts(d.Key.Department) && which(d.Key)).Sum(d => d.Value);
            var sign = Deadline(DeadlineKind.Sign);
            var resolve = Deadline(DeadlineKind.Resolve);
            var evaluations = Event(RequestAction.Evaluate) + Event(RequestAction.RecordFollowUpEvaluation);
            return new PeriodFigures(
                Received: Received.Where(r => r.Key.Current == current && counts(r.Key.Department)).Sum(r => r.Value),
                Resolved: Event(RequestAction.Resolve).Count,
                SignedInTime: new Rate(sign.OnTime, sign.Counted),
                SignPending: sign.Pending,
                ResolvedInTime: new Rate(resolve.OnTime, resolve.Counted),
                ResolvePending: resolve.Pending,
                Solved: new Rate(evaluations.Solved, evaluations.Count),
                // A disputed rating counts only once the supervisors uphold it.
                Satisfied: new Rate(
                    evaluations.Satisfied - Disputed(d => d.Satisfied) + Disputed(d => d.Satisfied && d.Upheld == true),
                    evaluations.Rated - Disputed(_ => true) + Disputed(d => d.Upheld == true)),
                NotRated: Event(RequestAction.AutoClose).Count,
                AwaitingReview: Disputed(d => d.Upheld is null),
                Returned: new Rate(Event(RequestAction.Return).Count, Event(RequestAction.Dispatch).Count + Event(RequestAction.Transfer).Count),
                Reopened: new Rate(evaluations.Reopened, Event(RequestAction.Resolve).Count),
                AverageHoursToSign: sign.AverageHours,
                AverageHoursToResolve: resolve.AverageHours);
        }
    }

    /// <summary>What the figures can be narrowed to, each list in the order the admin pages keep it (commissioners by name).</summary>
    public async Task<FigureChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new FigureChoices(
            await db.Departments.OrderBy(d => d.Id).Select(d => new QueueChoice(d.Id, d.Name)).ToListAsync(cancellationToken),
            await db.Parks.OrderBy(p => p.Id).Select(p => new QueueChoice(p.Id, p.Name)).ToListAsync(cancellationToken),
            await db.Industries.OrderBy(i => i.Id).Select(i => new QueueChoice(i.Id, i.Name)).ToListAsync(cancellationToken),
            await db.RequestCategories.OrderBy(c => c.Code).Select(c => new QueueChoice(c.Id, c.Name)).ToListAsync(cancellationToken),
            await db.UsersInRole(Roles.Commissioner).OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
                .Select(u => new CommissionerChoice(u.Id, u.DisplayName)).ToListAsync(cancellationToken));
    }

    /// <summary>A filter naming something that does not exist is refused, not answered with zeros.</summary>
    internal static async Task CheckAsync(PortalDbContext db, FigureFilter filter, CancellationToken cancellationToken)
    {
        if (filter.DepartmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department, cancellationToken))
        {
            throw new DomainException(MetricsRefusals.DepartmentNotFound, "所选部门不存在");
        }
        if (filter.ParkId is { } park && !await db.Parks.AnyAsync(p => p.Id == park, cancellationToken))
        {
            throw new DomainException(MetricsRefusals.ParkNotFound, "所选园区不存在");
        }
        if (filter.IndustryId is { } industry && !await db.Industries.AnyAsync(i => i.Id == industry, cancellationToken))
        {
            throw new DomainException(MetricsRefusals.IndustryNotFound, "所选产业不存在");
        }
        if (filter.CategoryId is { } category && !await db.RequestCategories.AnyAsync(c => c.Id == category, cancellationToken))
        {
            throw new DomainException(MetricsRefusals.CategoryNotFound, "所选诉求类别不存在");
        }
        if (filter.CommissionerUserId is { } commissioner && !await db.UsersInRole(Roles.Commissioner).AnyAsync(u => u.Id == commissioner, cancellationToken))
        {
            throw new DomainException(MetricsRefusals.CommissionerNotFound, "所选服务专员不存在");
        }
    }

    /// <summary>The requests in the user's scope and the filter's park, industry, category and commissioner; null when that is every request.</summary>
    internal static IQueryable<ServiceRequest>? Narrowed(PortalDbContext db, PortalUser user, FigureFilter filter) =>
        Everything(user, filter) ? null : Filtered(db, filter, MayRead(user) ? db.ServiceRequests.VisibleTo(db, user) : db.ServiceRequests.Where(_ => false));

    /// <summary>
    /// The same, a commissioner's or cadre's enterprises looked up first (<see cref="RequestScope.VisibleLookedUpAsync"/>):
    /// what a period's figures, which read a year of deadlines and events through it, want. A park's or industry's
    /// enterprises are looked up first too.
    /// </summary>
    internal static async Task<IQueryable<ServiceRequest>?> NarrowedAsync(PortalDbContext db, PortalUser user, FigureFilter filter, CancellationToken cancellationToken)
    {
        if (Everything(user, filter))
        {
            return null;
        }
        var requests = MayRead(user) ? await db.ServiceRequests.VisibleLookedUpAsync(db, user, cancellationToken) : db.ServiceRequests.Where(_ => false);
        if (filter.ParkId is not null || filter.IndustryId is not null)
        {
            var enterprises = await db.Enterprises
                .Where(e => (filter.ParkId == null || e.ParkId == filter.ParkId) && (filter.IndustryId == null || e.IndustryId == filter.IndustryId))
                .Select(e => e.Id).ToListAsync(cancellationToken);
            requests = requests.Where(r => enterprises.Contains(r.EnterpriseId));
        }
        return Filtered(db, filter with { ParkId = null, IndustryId = null }, requests);
    }

    private static bool Everything(PortalUser user, FigureFilter filter) => user.Role is Roles.Supervisor or Roles.Admin && !filter.NarrowsRequests;

    private static IQueryable<ServiceRequest> Filtered(PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest> requests)
    {
        if (filter.ParkId is { } park)
        {
            requests = requests.Where(r => db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.ParkId == park));
        }
        if (filter.IndustryId is { } industry)
        {
            requests = requests.Where(r => db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.IndustryId == industry));
        }
        if (filter.CategoryId is { } category)
        {
            requests = requests.Where(r => r.CategoryId == category);
        }
        if (filter.CommissionerUserId is { } commissioner)
        {
            requests = requests.Where(r => r.CommissionerUserId == commissioner);
        }
        return requests;
    }

    /// <summary>The narrowed requests, and of the department's filter those it leads now: what request counts are charged by.</summary>
    internal static IQueryable<ServiceRequest> Led(PortalDbContext db, IQueryable<ServiceRequest>? requests, FigureFilter filter)
    {
        var all = requests ?? db.ServiceRequests;
        return filter.DepartmentId is { } department ? all.Where(r => r.LeadDepartmentId == department) : all;
    }

    /// <summary>The deadlines of the narrowed requests, and of the department's filter those charged to it.</summary>
    internal static IQueryable<RequestDeadline> Charged(
        PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests, IQueryable<RequestDeadline> deadlines)
    {
        if (requests is not null)
        {
            var ids = requests.Select(r => r.Id);
            deadlines = deadlines.Where(d => ids.Contains(EF.Property<long>(d, "RequestId")));
        }
        return filter.DepartmentId is { } department ? deadlines.Where(d => d.DepartmentId == department) : deadlines;
    }

    /// <summary>
    /// The events of the narrowed requests, and of the department's filter its dispatches, transfers and returns and the
    /// other events of the requests it leads now.
    /// </summary>
    internal static IQueryable<RequestEvent> Charged(
        PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests, IQueryable<RequestEvent> events)
    {
        if (requests is not null)
        {
            var ids = requests.Select(r => r.Id);
            events = events.Where(e => ids.Contains(EF.Property<long>(e, "RequestId")));
        }
        if (filter.DepartmentId is { } department)
        {
            var led = db.ServiceRequests.Where(r => r.LeadDepartmentId == department).Select(r => r.Id);
            events = events.Where(e => ChargedToTheirDepartment.Contains(e.Action)
                ? e.DepartmentId == department
                : led.Contains(EF.Property<long>(e, "RequestId")));
        }
        return events;
    }

    /// <summary>
    /// Deadlines decided (<paramref name="Counted"/>), met in time, still to come; the working time of the
    /// <paramref name="Met"/> ones in ticks, so that sums are exact in any order.
    /// </summary>
    internal sealed record DeadlineTally(int Counted, int OnTime, int Pending, int Met, long MetTicks)
    {
        public static DeadlineTally None { get; } = new(0, 0, 0, 0, 0);

        public double? AverageHours => Met > 0 ? TimeSpan.FromTicks(MetTicks).TotalHours / Met : null;

        public static DeadlineTally operator +(DeadlineTally a, DeadlineTally b) =>
            new(a.Counted + b.Counted, a.OnTime + b.OnTime, a.Pending + b.Pending, a.Met + b.Met, a.MetTicks + b.MetTicks);
    }

    private static async Task<Dictionary<(DeadlineKind Kind, bool Current, int? Department), DeadlineTally>> DeadlinesAsync(
        PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests, DateTimeOffset from, DateTimeOffset split, DateTimeOffset to,
        DateTimeOffset now, WorkCalendar calendar, DeadlinesOf which, CancellationToken cancellationToken)
    {
        var counted = db.Set<RequestDeadline>().AsNoTracking()
            .Where(d => (d.Kind == DeadlineKind.Sign || (d.Kind == DeadlineKind.Resolve && d.Status != DeadlineStatus.Superseded))
                && d.DueAt >= from && d.DueAt < to);
        var deadlines = Charged(db, filter, requests, which switch
        {
            DeadlinesOf.Ended => counted.Where(d => d.Status != DeadlineStatus.Open && d.Status != DeadlineStatus.Paused),
            DeadlinesOf.Running => counted.Where(d => d.Status == DeadlineStatus.Open || d.Status == DeadlineStatus.Paused),
            _ => counted,
        });
        var outcomes = deadlines.Select(d => new
        {
            d.Kind,
            Current = d.DueAt >= split,
            Department = d.DepartmentId,
            Met = d.Status == DeadlineStatus.Met,
            OnTime = d.Status == DeadlineStatus.Met && d.EndedAt <= d.DueAt,
            // Decided late without being met: past due and still running (a pause that began after the due time
            // included), or ended unmet after its due time.
            Missed = (d.Status == DeadlineStatus.Open && d.DueAt < now)
                || (d.Status == DeadlineStatus.Paused && d.PausedAt > d.DueAt)
                || ((d.Status == DeadlineStatus.Cancelled || d.Status == DeadlineStatus.Superseded) && d.EndedAt > d.DueAt),
            Running = d.Status == DeadlineStatus.Open || d.Status == DeadlineStatus.Paused,
        });
        var tallies = await outcomes.GroupBy(o => new { o.Kind, o.Current, o.Department })
            .Select(g => new
            {
                g.Key.Kind,
                g.Key.Current,
                g.Key.Department,
                Met = g.Sum(o => o.Met ? 1 : 0),
                OnTime = g.Sum(o => o.OnTime ? 1 : 0),
                Missed = g.Sum(o => o.Missed ? 1 : 0),
                Pending = g.Sum(o => o.Running && !o.Missed ? 1 : 0),
            })
            .ToListAsync(cancellationToken);
        // Working time needs the calendar: the met deadlines' spans are read and counted here (a running one has none).
        var spans = which == DeadlinesOf.Running
            ? []
            : (await deadlines.Where(d => d.Status == DeadlineStatus.Met)
                    .Select(d => new { d.Kind, Current = d.DueAt >= split, Department = d.DepartmentId, d.StartedAt, EndedAt = d.EndedAt!.Value, d.PausedWorkingTime })
                    .ToListAsync(cancellationToken))
                .GroupBy(s => (s.Kind, s.Current, s.Department))
                .ToDictionary(g => g.Key, g => g.Sum(s => (calendar.WorkingTimeBetween(s.StartedAt, s.EndedAt) - s.PausedWorkingTime).Ticks));
        return tallies.ToDictionary(
            t => (t.Kind, t.Current, t.Department),
            t => new DeadlineTally(t.Met + t.Missed, t.OnTime, t.Pending, t.Met, spans.GetValueOrDefault((t.Kind, t.Current, t.Department))));
    }

    internal sealed record EventTally(int Count, int Solved, int Rated, int Satisfied, int Reopened)
    {
        public static EventTally None { get; } = new(0, 0, 0, 0, 0);

        public static EventTally operator +(EventTally a, EventTally b) =>
            new(a.Count + b.Count, a.Solved + b.Solved, a.Rated + b.Rated, a.Satisfied + b.Satisfied, a.Reopened + b.Reopened);
    }

    /// <summary>The counted events, each charged to the department it names (a dispatch, transfer or return) or else to the request's lead now.</summary>
    private static async Task<Dictionary<(RequestAction Action, bool Current, int? Department), EventTally>> EventsAsync(
        PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests,
        DateTimeOffset from, DateTimeOffset split, DateTimeOffset to, bool byDepartment, CancellationToken cancellationToken)
    {
        var events = Charged(db, filter, requests,
            db.Set<RequestEvent>().AsNoTracking().Where(e => CountedActions.Contains(e.Action) && e.At >= from && e.At < to));
        // Only a ranking needs the lead of each event's request: the district's figures spare the year's events that join.
        var charged = byDepartment
            ? from e in events
              join r in db.ServiceRequests on EF.Property<long>(e, "RequestId") equals r.Id
              select new { Event = e, Department = ChargedToTheirDepartment.Contains(e.Action) ? e.DepartmentId : r.LeadDepartmentId }
            : events.Select(e => new { Event = e, Department = (int?)null });
        return await charged
            .GroupBy(c => new { c.Event.Action, Current = c.Event.At >= split, c.Department })
            .Select(g => new
            {
                g.Key.Action,
                g.Key.Current,
                g.Key.Department,
                Tally = new EventTally(
                    g.Count(),
                    g.Sum(c => c.Event.Solved == true ? 1 : 0),
                    g.Sum(c => c.Event.Satisfaction != null ? 1 : 0),
                    g.Sum(c => c.Event.Satisfaction == Satisfaction.Satisfied || c.Event.Satisfaction == Satisfaction.BasicallySatisfied ? 1 : 0),
                    g.Sum(c => c.Event.StateAfter == RequestState.InProgress ? 1 : 0)),
            })
            .ToDictionaryAsync(t => (t.Action, t.Current, t.Department), t => t.Tally, cancellationToken);
    }

    /// <summary>
    /// The disputed ratings (不满意甄别): the evaluations that sent their request to review, counted by rating and by the
    /// review's outcome (null while pending); charged to the request's lead now.
    /// </summary>
    private static async Task<Dictionary<(bool Current, int? Department, bool Satisfied, bool? Upheld), int>> DisputesAsync(
        PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests,
        DateTimeOffset from, DateTimeOffset split, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var evaluations = db.Set<RequestEvent>().AsNoTracking()
            .Where(e => (e.Action == RequestAction.Evaluate || e.Action == RequestAction.RecordFollowUpEvaluation)
                && e.StateAfter == RequestState.UnderReview && e.At >= from && e.At < to);
        if (requests is not null || filter.DepartmentId is not null)
        {
            var ids = Led(db, requests, filter).Select(r => r.Id);
            evaluations = evaluations.Where(e => ids.Contains(EF.Property<long>(e, "RequestId")));
        }
        var reviews = db.Set<RequestEvent>().Where(r => r.Action == RequestAction.ReviewDispute);
        return (await evaluations
                .Select(e => new
                {
                    Current = e.At >= split,
                    Department = db.ServiceRequests.Where(r => r.Id == EF.Property<long>(e, "RequestId")).Select(r => r.LeadDepartmentId).FirstOrDefault(),
                    Satisfied = e.Satisfaction == Satisfaction.Satisfied || e.Satisfaction == Satisfaction.BasicallySatisfied,
                    Upheld = reviews.Where(r => EF.Property<long>(r, "RequestId") == EF.Property<long>(e, "RequestId") && r.Sequence > e.Sequence)
                        .Select(r => r.Upheld).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
            .CountBy(d => (d.Current, d.Department, d.Satisfied, d.Upheld))
            .ToDictionary();
    }

    /// <summary>
    /// The requests not yet resolved, and of them those whose running deadlines the escalation scan has recorded at each
    /// level, the worst counted: what the battle map colours. Read from the level each deadline notes
    /// (<see cref="RequestDeadline.RecordedLevel"/>), the same as the escalation log's levels of deadlines still running.
    /// </summary>
    private static async Task<OpenLoad> LoadAsync(PortalDbContext db, FigureFilter filter, IQueryable<ServiceRequest>? requests, CancellationToken cancellationToken)
    {
        var open = Led(db, requests, filter).Where(r => OpenStates.Contains(r.State));
        var count = await open.CountAsync(cancellationToken);
        var ids = open.Select(r => r.Id);
        var worst = await db.Set<RequestDeadline>()
            .Where(d => d.Status == DeadlineStatus.Open && d.RecordedLevel != null && ids.Contains(EF.Property<long>(d, "RequestId")))
            .GroupBy(d => EF.Property<long>(d, "RequestId"))
            .Select(g => g.Max(d => d.RecordedLevel == EscalationLevel.SeverelyOverdue ? 3 : d.RecordedLevel == EscalationLevel.Overdue ? 2 : 1))
            .ToListAsync(cancellationToken);
        return new OpenLoad(count, worst.Count(l => l == 1), worst.Count(l => l == 2), worst.Count(l => l == 3));
    }
}
