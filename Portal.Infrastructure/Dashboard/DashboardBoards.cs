using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Dashboard;

/// <summary>
/// One overdue request on the 超期督办 board: the running deadline of it longest past due, how late that is in working
/// days, who answers for it (the department charged, the handler who has it, the cadre who guarantees the enterprise),
/// and when it was last supervised. Names are null when nobody holds the part.
/// </summary>
public sealed record OverdueRow(
    string Number, int Version, string Title, string Enterprise, DeadlineKind Kind, EscalationLevel Level, DateTimeOffset DueAt,
    double WorkingDaysOverdue, string? Department, string? Handler, string? Cadre, DateTimeOffset? LastSupervisedAt, bool MaySupervise)
{
    /// <summary>What a one-click 督办 from the board writes on the timeline: in Chinese, as the scan's own 督办, since the timeline is the district's record.</summary>
    public string Instruction =>
        string.Create(CultureInfo.InvariantCulture, $"{DeadlineLabels.Of(Kind)}时限已超期 {WorkingDaysOverdue:0.0} 个工作日，请立即办理并反馈");
}

/// <summary>The overdue requests now, and the working hours a working day has by the calendar they were counted with.</summary>
public sealed record OverdueRequests(IReadOnlyList<OverdueRow> Rows, TimeSpan WorkingDay);

/// <summary>
/// A disputed rating waiting for the supervisors (不满意甄别): the request, the rating its enterprise gave and the comment
/// that came with it (the evaluation that sent it to review), and when.
/// </summary>
public sealed record DisputeRow(
    string Number, int Version, string Enterprise, string? Department, bool? Solved, Satisfaction? Satisfaction, string? Comment, DateTimeOffset DisputedAt);

/// <summary>The disputes in the reader's scope, and whether the reader may review them (only supervisors may).</summary>
public sealed record DisputeQueue(IReadOnlyList<DisputeRow> Rows, bool MayReview);

/// <summary>One level the escalation scan recorded (预警记录), with the department the deadline was charged to.</summary>
public sealed record EscalationLogRow(
    string Number, string Enterprise, string? Department, DeadlineKind Kind, EscalationLevel Level, DateTimeOffset DueAt, DateTimeOffset RecordedAt);

/// <summary>The newest recorded escalations of a period, at most <see cref="DashboardBoards.EscalationLogLimit"/>; capped when more were recorded.</summary>
public sealed record EscalationLog(IReadOnlyList<EscalationLogRow> Rows, bool Capped);

/// <summary>
/// The boards of the battle map (挂图作战) beside the figures: the overdue requests to press now, the disputed ratings
/// waiting for review, and the escalations the scan recorded. Each is in the reader's scope (as <see cref="DistrictFigures"/>:
/// supervisors and admins the district, a cadre the enterprises they guarantee, a commissioner theirs) and narrowed by
/// the dashboard's filter; the overdue board and the disputes are "now", only the escalation log follows the period.
/// </summary>
public sealed class DashboardBoards(IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, TimeProvider time)
{
    public const int EscalationLogLimit = 500;

    /// <summary>The deadlines a department (or the commissioner handling it) answers for; dispatch is the dispatchers' own queue.</summary>
    private static readonly DeadlineKind[] OverdueKinds = [DeadlineKind.Sign, DeadlineKind.FirstReply, DeadlineKind.Resolve, DeadlineKind.CoHandlerReply];

    /// <summary>
    /// Every request in scope with an open deadline past due, the longest overdue first. Its level is the highest the scan
    /// recorded for that deadline, and at least overdue: a deadline past due is overdue even in the minute before the scan
    /// records it. A paused deadline (待补充) is left out: its clock stands still while the enterprise owes the next step.
    /// </summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<OverdueRequests> OverdueAsync(PortalUser user, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var now = time.GetUtcNow();
        var requests = DistrictFigures.Narrowed(db, user, filter) ?? db.ServiceRequests;
        var overdue =
            from d in db.Set<RequestDeadline>()
            where d.Status == DeadlineStatus.Open && d.DueAt < now && OverdueKinds.Contains(d.Kind)
            join r in requests on EF.Property<long>(d, "RequestId") equals r.Id
            select new
            {
                RequestId = r.Id, r.Number, r.Version, r.Title, r.State, r.EnterpriseId, r.LeadHandlerUserId, r.CadreUserId,
                d.Kind, d.PartyDepartmentId, d.Generation, d.DueAt, DepartmentId = d.DepartmentId ?? r.LeadDepartmentId,
            };
        if (filter.DepartmentId is { } department)
        {
            overdue = overdue.Where(o => o.DepartmentId == department);
        }
        var worst = (await overdue.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(o => o.RequestId)
            .Select(g => g.MinBy(o => o.DueAt)!)
            .ToList();
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        if (worst.Count == 0)
        {
            return new OverdueRequests([], calendar.WorkingDay);
        }

        var ids = worst.Select(o => o.RequestId).ToList();
        var recorded = (await db.Escalations.AsNoTracking()
                .Where(e => ids.Contains(e.RequestId) && (e.Level == EscalationLevel.Overdue || e.Level == EscalationLevel.SeverelyOverdue))
                .Select(e => new { e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation, e.Level })
                .ToListAsync(cancellationToken))
            .ToLookup(e => (e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation), e => e.Level);
        var supervised = await db.Set<RequestEvent>().AsNoTracking()
            .Where(e => e.Action == RequestAction.Supervise && ids.Contains(EF.Property<long>(e, "RequestId")))
            .GroupBy(e => EF.Property<long>(e, "RequestId"))
            .Select(g => new { RequestId = g.Key, At = g.Max(e => e.At) })
            .ToDictionaryAsync(g => g.RequestId, g => g.At, cancellationToken);
        var enterprises = await EnterprisesAsync(db, worst.Select(o => o.EnterpriseId), cancellationToken);
        var departments = await DepartmentNamesAsync(db, worst.Select(o => o.DepartmentId), cancellationToken);
        var names = await UserNamesAsync(
            db, [.. worst.Select(o => o.LeadHandlerUserId), .. enterprises.Values.Select(e => e.CadreUserId)], cancellationToken);
        return new OverdueRequests(
        [
            .. worst.Select(o =>
                {
                    var enterprise = enterprises.GetValueOrDefault(o.EnterpriseId);
                    var level = recorded[(o.RequestId, o.Kind, o.PartyDepartmentId, o.Generation)].DefaultIfEmpty(EscalationLevel.Overdue).Max();
                    return new OverdueRow(
                        o.Number, o.Version, o.Title, enterprise?.Name ?? "", o.Kind, level, o.DueAt,
                        Math.Round(calendar.WorkingTimeBetween(o.DueAt, now) / calendar.WorkingDay, 1, MidpointRounding.AwayFromZero),
                        o.DepartmentId is { } charged ? departments.GetValueOrDefault(charged) : null,
                        NameOf(names, o.LeadHandlerUserId), NameOf(names, enterprise?.CadreUserId),
                        supervised.TryGetValue(o.RequestId, out var at) ? at : null,
                        MaySupervise(user, o.State, o.CadreUserId));
                })
                .OrderByDescending(r => r.WorkingDaysOverdue).ThenBy(r => r.DueAt).ThenBy(r => r.Number, StringComparer.Ordinal),
        ], calendar.WorkingDay);
    }

    /// <summary>
    /// The requests in scope waiting for a supervisor to review their disputed rating, the longest waiting first; a
    /// department filter keeps those the department leads.
    /// </summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<DisputeQueue> DisputesAsync(PortalUser user, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var requests = (DistrictFigures.Narrowed(db, user, filter) ?? db.ServiceRequests).Where(r => r.State == RequestState.UnderReview);
        if (filter.DepartmentId is { } department)
        {
            requests = requests.Where(r => r.LeadDepartmentId == department);
        }
        var disputed = await requests.AsNoTracking()
            .Select(r => new { r.Id, r.Number, r.Version, r.EnterpriseId, r.LeadDepartmentId, r.Solved, r.Satisfaction })
            .ToListAsync(cancellationToken);
        var ids = disputed.Select(r => r.Id).ToList();
        // The evaluation that sent each to review: the latest that did, should a request ever have gone twice.
        var evaluations = (await db.Set<RequestEvent>().AsNoTracking()
                .Where(e => e.StateAfter == RequestState.UnderReview && ids.Contains(EF.Property<long>(e, "RequestId")))
                .Select(e => new { RequestId = EF.Property<long>(e, "RequestId"), e.Sequence, e.Text, e.At })
                .ToListAsync(cancellationToken))
            .GroupBy(e => e.RequestId)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!);
        var enterprises = await EnterprisesAsync(db, disputed.Select(r => r.EnterpriseId), cancellationToken);
        var departments = await DepartmentNamesAsync(db, disputed.Select(r => r.LeadDepartmentId), cancellationToken);
        var rows = disputed
            .Select(r =>
            {
                var evaluation = evaluations.GetValueOrDefault(r.Id);
                return new DisputeRow(
                    r.Number, r.Version, enterprises.GetValueOrDefault(r.EnterpriseId)?.Name ?? "",
                    r.LeadDepartmentId is { } lead ? departments.GetValueOrDefault(lead) : null,
                    r.Solved, r.Satisfaction, evaluation?.Text, evaluation?.At ?? default);
            })
            .OrderBy(r => r.DisputedAt).ThenBy(r => r.Number, StringComparer.Ordinal)
            .ToList();
        return new DisputeQueue(rows, RequestLifecycle.Allows(RequestState.UnderReview, RequestAction.ReviewDispute, user.Role));
    }

    /// <summary>
    /// The escalations recorded in <paramref name="period"/> for requests in scope, newest first, at most
    /// <see cref="EscalationLogLimit"/>. A department filter keeps those charged to it: the department the deadline was
    /// charged to, else the request's lead department.
    /// </summary>
    /// <exception cref="Portal.Domain.DomainException">The filter names something that does not exist.</exception>
    public async Task<EscalationLog> EscalationsAsync(PortalUser user, ReportingPeriod period, FigureFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DistrictFigures.CheckAsync(db, filter, cancellationToken);
        var requests = DistrictFigures.Narrowed(db, user, filter) ?? db.ServiceRequests;
        var (start, end) = (period.Start, period.End);
        var log =
            from e in db.Escalations
            where e.RecordedAt >= start && e.RecordedAt < end
            join r in requests on e.RequestId equals r.Id
            select new
            {
                e.Id, r.Number, r.EnterpriseId, e.Kind, e.Level, e.DueAt, e.RecordedAt,
                DepartmentId = db.Set<RequestDeadline>()
                    .Where(d => EF.Property<long>(d, "RequestId") == e.RequestId && d.Kind == e.Kind
                        && d.PartyDepartmentId == e.PartyDepartmentId && d.Generation == e.Generation)
                    .Select(d => d.DepartmentId).FirstOrDefault() ?? r.LeadDepartmentId,
            };
        if (filter.DepartmentId is { } department)
        {
            log = log.Where(e => e.DepartmentId == department);
        }
        var newest = await log.AsNoTracking().OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id)
            .Take(EscalationLogLimit + 1).ToListAsync(cancellationToken);
        var shown = newest.Take(EscalationLogLimit).ToList();
        var enterprises = await EnterprisesAsync(db, shown.Select(e => e.EnterpriseId), cancellationToken);
        var departments = await DepartmentNamesAsync(db, shown.Select(e => e.DepartmentId), cancellationToken);
        return new EscalationLog(
            [
                .. shown.Select(e => new EscalationLogRow(
                    e.Number, enterprises.GetValueOrDefault(e.EnterpriseId)?.Name ?? "",
                    e.DepartmentId is { } charged ? departments.GetValueOrDefault(charged) : null, e.Kind, e.Level, e.DueAt, e.RecordedAt)),
            ],
            Capped: newest.Count > EscalationLogLimit);
    }

    /// <summary>
    /// Whether the board offers 督办 to <paramref name="user"/>: what <see cref="ServiceRequest.ActionsFor"/> answers for
    /// it, read from the columns rather than a loaded request (a supervisor; a cadre only for the enterprises the request
    /// names them guarantor of). The action checks it again when taken.
    /// </summary>
    private static bool MaySupervise(PortalUser user, RequestState state, string? cadreUserId) =>
        RequestLifecycle.Allows(state, RequestAction.Supervise, user.Role) && (user.Role != Roles.Cadre || cadreUserId == user.Id);

    private sealed record EnterpriseName(string Name, string? CadreUserId);

    private static async Task<Dictionary<int, EnterpriseName>> EnterprisesAsync(PortalDbContext db, IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Enterprises.AsNoTracking().Where(e => wanted.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => new EnterpriseName(e.Name, e.CadreUserId), cancellationToken);
    }

    private static async Task<Dictionary<int, string>> DepartmentNamesAsync(PortalDbContext db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        return await db.Departments.AsNoTracking().Where(d => wanted.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
    }

    private static async Task<Dictionary<string, string>> UserNamesAsync(PortalDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>The user's display name; their id when the account is gone, so that the row still says who it was.</summary>
    private static string? NameOf(Dictionary<string, string> names, string? userId) =>
        userId is null ? null : names.GetValueOrDefault(userId, userId);
}
