using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// A request waiting for the supervisors to dispatch it: routed to nobody (no commissioner), or returned (退单) after the
/// supervisor dispatched it. <see cref="ReturnedBy"/> and <see cref="ReturnReason"/> are set for a returned one.
/// </summary>
public sealed record DispatchQueueRow(
    long Id, string Number, string Title, string Enterprise, DateTimeOffset SubmittedAt, DateTimeOffset? DispatchDueAt, EscalationLevel Level,
    string? ReturnedBy, ReturnReason? ReturnReason, string? ReturnExplanation);

/// <summary>
/// An extension (延期) waiting for a supervisor's decision: the working days asked, why, by whom, and the resolve
/// deadline it would move.
/// </summary>
public sealed record PendingExtensionRow(
    long Id, string Number, string Title, string Enterprise, string? LeadDepartment, int Days, string? Reason, string AskedBy,
    DateTimeOffset? AskedAt, DateTimeOffset? ResolveDueAt, EscalationLevel Level);

/// <summary>A page of one of the supervisors' lists: its rows, where the next page starts (null on the last), and how many the whole list holds.</summary>
public sealed record DeskPage<TRow>(IReadOnlyList<TRow> Rows, QueueCursor? Next, int Total)
{
    public static DeskPage<TRow> Empty { get; } = new([], null, 0);
}

/// <summary>
/// What waits for the supervisors (营商环境督查) as dispatchers of last resort and approvers of extensions. Anyone else
/// has nothing here. Each list is paged by keyset on (deadline due, id) like the queue (<see cref="WorkQueue"/>), the
/// most pressing first, with its whole length counted apart from the page.
/// </summary>
public sealed class SupervisorDesk(
    IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, EscalationSettingsService escalation, TimeProvider time)
{
    public const int PageSize = 30;

    /// <summary>待派单: requests routed to nobody, and those returned that this supervisor had dispatched; the dispatch deadline due first.</summary>
    /// <param name="after">Where the last page shown ended; null for the first page.</param>
    public async Task<DeskPage<DispatchQueueRow>> DispatchQueueAsync(PortalUser user, QueueCursor? after = null, CancellationToken cancellationToken = default)
    {
        if (user.Role != Roles.Supervisor)
        {
            return DeskPage<DispatchQueueRow>.Empty;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = db.ServiceRequests.AsNoTracking().VisibleTo(db, user)
            .Where(r => r.State == RequestState.Submitted && (r.CommissionerUserId == null || r.DispatchedByUserId == user.Id));
        var total = await waiting.CountAsync(cancellationToken);
        var ordered = After(
            waiting.Select(r => new Keyed
            {
                Request = r,
                Due = r.Deadlines.Where(d => d.Status == DeadlineStatus.Open && d.Kind == DeadlineKind.Dispatch).Min(d => (DateTimeOffset?)d.DueAt),
            }),
            after);
        var page = await (
            from x in ordered
            join e in db.Enterprises on x.Request.EnterpriseId equals e.Id
            orderby x.Due == null, x.Due, x.Request.Id
            select new { x.Request.Id, x.Request.Number, x.Request.Title, Enterprise = e.Name, x.Request.SubmittedAt, x.Due })
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var rows = page.Take(PageSize).ToList();
        var next = page.Count > PageSize ? new QueueCursor(rows[^1].Due, rows[^1].Id) : null;
        var ids = rows.Select(r => r.Id).ToList();
        var deadlines = await RunningAsync(db, ids, cancellationToken);
        var returns = (await db.Set<RequestEvent>().AsNoTracking()
                .Where(e => ids.Contains(EF.Property<long>(e, "RequestId")) && e.Action == RequestAction.Return)
                .Select(e => new { RequestId = EF.Property<long>(e, "RequestId"), e.Sequence, e.DepartmentId, e.ReturnReason, e.Text })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.RequestId)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!);
        var departmentIds = returns.Values.Select(e => e.DepartmentId).OfType<int>().Distinct().ToList();
        var departments = await db.Departments.Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var (calendar, now, policy) = (await calendars.GetCalendarAsync(cancellationToken), time.GetUtcNow(), await escalation.PolicyAsync(cancellationToken));
        return new DeskPage<DispatchQueueRow>([.. rows.Select(r =>
        {
            var returned = returns.GetValueOrDefault(r.Id);
            return new DispatchQueueRow(
                r.Id, r.Number, r.Title, r.Enterprise, r.SubmittedAt,
                deadlines[r.Id].Where(d => d.Kind == DeadlineKind.Dispatch).Select(d => (DateTimeOffset?)d.DueAt).Min(),
                policy.LevelOf(deadlines[r.Id].Where(d => d.Status == DeadlineStatus.Open), calendar, now),
                returned is null ? null : returned.DepartmentId is { } d ? departments.GetValueOrDefault(d, "") : "",
                returned?.ReturnReason, returned?.Text);
        })], next, total);
    }

    /// <summary>待审批延期: every request with an extension asked and not yet decided, its resolve deadline due first.</summary>
    /// <param name="after">Where the last page shown ended; null for the first page.</param>
    public async Task<DeskPage<PendingExtensionRow>> PendingExtensionsAsync(PortalUser user, QueueCursor? after = null, CancellationToken cancellationToken = default)
    {
        if (user.Role != Roles.Supervisor)
        {
            return DeskPage<PendingExtensionRow>.Empty;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = db.ServiceRequests.AsNoTracking().VisibleTo(db, user).Where(r => r.PendingExtensionDays != null);
        var total = await waiting.CountAsync(cancellationToken);
        var ordered = After(
            waiting.Select(r => new Keyed
            {
                Request = r,
                Due = r.Deadlines.Where(d => d.Kind == DeadlineKind.Resolve && (d.Status == DeadlineStatus.Open || d.Status == DeadlineStatus.Paused))
                    .Min(d => (DateTimeOffset?)d.DueAt),
            }),
            after);
        var page = await (
            from x in ordered
            join e in db.Enterprises on x.Request.EnterpriseId equals e.Id
            orderby x.Due == null, x.Due, x.Request.Id
            select new
            {
                x.Request.Id, x.Request.Number, x.Request.Title, Enterprise = e.Name, Days = x.Request.PendingExtensionDays!.Value, x.Due,
                LeadDepartment = db.Departments.Where(d => d.Id == x.Request.LeadDepartmentId).Select(d => d.Name).SingleOrDefault(),
            })
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var rows = page.Take(PageSize).ToList();
        var next = page.Count > PageSize ? new QueueCursor(rows[^1].Due, rows[^1].Id) : null;
        var ids = rows.Select(r => r.Id).ToList();
        var asks = (await db.Set<RequestEvent>().AsNoTracking()
                .Where(e => ids.Contains(EF.Property<long>(e, "RequestId")) && e.Action == RequestAction.RequestExtension)
                .Select(e => new { RequestId = EF.Property<long>(e, "RequestId"), e.Sequence, e.Text, e.At, e.ActorUserId })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.RequestId)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!);
        var askerIds = asks.Values.Select(a => a.ActorUserId).Distinct().ToList();
        var askers = await db.Users.Where(u => askerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var deadlines = await RunningAsync(db, ids, cancellationToken);
        var (calendar, now, policy) = (await calendars.GetCalendarAsync(cancellationToken), time.GetUtcNow(), await escalation.PolicyAsync(cancellationToken));
        return new DeskPage<PendingExtensionRow>([.. rows.Select(r =>
        {
            var ask = asks.GetValueOrDefault(r.Id);
            return new PendingExtensionRow(
                r.Id, r.Number, r.Title, r.Enterprise, r.LeadDepartment, r.Days, ask?.Text,
                ask is null ? "" : askers.GetValueOrDefault(ask.ActorUserId, ""), ask?.At,
                deadlines[r.Id].Where(d => d.Kind == DeadlineKind.Resolve).Select(d => (DateTimeOffset?)d.DueAt).Min(),
                policy.LevelOf(deadlines[r.Id].Where(d => d.Status == DeadlineStatus.Open), calendar, now));
        })], next, total);
    }

    /// <summary>A request with the deadline a list orders it by (null when none runs: those come last).</summary>
    private sealed class Keyed
    {
        public required ServiceRequest Request { get; init; }

        public DateTimeOffset? Due { get; init; }
    }

    /// <summary>What comes after the cursor in the order (due, nulls last; then id).</summary>
    private static IQueryable<Keyed> After(IQueryable<Keyed> keyed, QueueCursor? after) => after switch
    {
        { NextDueAt: { } due, Id: var id } => keyed.Where(x => x.Due == null || x.Due > due || (x.Due == due && x.Request.Id > id)),
        { Id: var id } => keyed.Where(x => x.Due == null && x.Request.Id > id),
        null => keyed,
    };

    /// <summary>The running deadlines (open or paused, not the evaluation window) of these requests.</summary>
    private static async Task<ILookup<long, RequestDeadline>> RunningAsync(PortalDbContext db, List<long> ids, CancellationToken cancellationToken) =>
        (await db.Set<RequestDeadline>().AsNoTracking()
            .Where(d => ids.Contains(EF.Property<long>(d, "RequestId"))
                && (d.Status == DeadlineStatus.Open || d.Status == DeadlineStatus.Paused) && d.Kind != DeadlineKind.Evaluation)
            .Select(d => new { RequestId = EF.Property<long>(d, "RequestId"), Deadline = d })
            .ToListAsync(cancellationToken))
        .ToLookup(d => d.RequestId, d => d.Deadline);
}
