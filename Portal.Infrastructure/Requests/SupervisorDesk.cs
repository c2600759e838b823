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

/// <summary>
/// What waits for the supervisors (营商环境督查) as dispatchers of last resort and approvers of extensions. Anyone else
/// has nothing here. Each list is capped at <see cref="MaxRows"/>, the most pressing first.
/// </summary>
public sealed class SupervisorDesk(
    IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, EscalationSettingsService escalation, TimeProvider time)
{
    public const int MaxRows = 100;

    /// <summary>待派单: requests routed to nobody, and those returned that this supervisor had dispatched; the dispatch deadline due first.</summary>
    public async Task<IReadOnlyList<DispatchQueueRow>> DispatchQueueAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (user.Role != Roles.Supervisor)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from r in db.ServiceRequests.AsNoTracking().VisibleTo(db, user)
            where r.State == RequestState.Submitted && (r.CommissionerUserId == null || r.DispatchedByUserId == user.Id)
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            let due = r.Deadlines.Where(d => d.Status == DeadlineStatus.Open && d.Kind == DeadlineKind.Dispatch).Min(d => (DateTimeOffset?)d.DueAt)
            orderby due == null, due, r.Id
            select new { r.Id, r.Number, r.Title, Enterprise = e.Name, r.SubmittedAt })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
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
        return [.. rows.Select(r =>
        {
            var returned = returns.GetValueOrDefault(r.Id);
            return new DispatchQueueRow(
                r.Id, r.Number, r.Title, r.Enterprise, r.SubmittedAt,
                deadlines[r.Id].Where(d => d.Kind == DeadlineKind.Dispatch).Select(d => (DateTimeOffset?)d.DueAt).Min(),
                policy.LevelOf(deadlines[r.Id].Where(d => d.Status == DeadlineStatus.Open), calendar, now),
                returned is null ? null : returned.DepartmentId is { } d ? departments.GetValueOrDefault(d, "") : "",
                returned?.ReturnReason, returned?.Text);
        })];
    }

    /// <summary>待审批延期: every request with an extension asked and not yet decided, its resolve deadline due first.</summary>
    public async Task<IReadOnlyList<PendingExtensionRow>> PendingExtensionsAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (user.Role != Roles.Supervisor)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from r in db.ServiceRequests.AsNoTracking().VisibleTo(db, user)
            where r.PendingExtensionDays != null
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            let due = r.Deadlines.Where(d => d.Kind == DeadlineKind.Resolve && (d.Status == DeadlineStatus.Open || d.Status == DeadlineStatus.Paused))
                .Min(d => (DateTimeOffset?)d.DueAt)
            orderby due == null, due, r.Id
            select new
            {
                r.Id, r.Number, r.Title, Enterprise = e.Name, Days = r.PendingExtensionDays!.Value,
                LeadDepartment = db.Departments.Where(d => d.Id == r.LeadDepartmentId).Select(d => d.Name).SingleOrDefault(),
            })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
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
        return [.. rows.Select(r =>
        {
            var ask = asks.GetValueOrDefault(r.Id);
            return new PendingExtensionRow(
                r.Id, r.Number, r.Title, r.Enterprise, r.LeadDepartment, r.Days, ask?.Text,
                ask is null ? "" : askers.GetValueOrDefault(ask.ActorUserId, ""), ask?.At,
                deadlines[r.Id].Where(d => d.Kind == DeadlineKind.Resolve).Select(d => (DateTimeOffset?)d.DueAt).Min(),
                policy.LevelOf(deadlines[r.Id].Where(d => d.Status == DeadlineStatus.Open), calendar, now));
        })];
    }

    /// <summary>The running deadlines (open or paused, not the evaluation window) of these requests.</summary>
    private static async Task<ILookup<long, RequestDeadline>> RunningAsync(PortalDbContext db, List<long> ids, CancellationToken cancellationToken) =>
        (await db.Set<RequestDeadline>().AsNoTracking()
            .Where(d => ids.Contains(EF.Property<long>(d, "RequestId"))
                && (d.Status == DeadlineStatus.Open || d.Status == DeadlineStatus.Paused) && d.Kind != DeadlineKind.Evaluation)
            .Select(d => new { RequestId = EF.Property<long>(d, "RequestId"), Deadline = d })
            .ToListAsync(cancellationToken))
        .ToLookup(d => d.RequestId, d => d.Deadline);
}
