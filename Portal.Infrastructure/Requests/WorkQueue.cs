using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;

namespace Portal.Infrastructure.Requests;

/// <summary>The tabs of a staff queue, each a set of states.</summary>
public enum QueueTab
{
    /// <summary>待受理</summary>
    Submitted,

    /// <summary>待签收</summary>
    Dispatched,

    /// <summary>办理中, disputes under review (待甄别) included.</summary>
    InProgress,

    /// <summary>待补充</summary>
    AwaitingEnterprise,

    /// <summary>已答复, waiting for the enterprise's evaluation.</summary>
    Resolved,

    /// <summary>已办结, withdrawn ones included.</summary>
    Closed,
}

/// <summary>What a queue shows: a tab, and optional filters and search; <c>NeedsMe</c> keeps what waits for the user's own action.</summary>
public sealed record QueueQuery(
    QueueTab Tab, int? EnterpriseId = null, int? CategoryId = null, int? DepartmentId = null, int? ParkId = null,
    EscalationLevel? Level = null, string? Search = null, bool NeedsMe = false)
{
    public const int SearchMaxLength = 100;

    public static IReadOnlyList<RequestState> StatesOf(QueueTab tab) => tab switch
    {
        QueueTab.Submitted => [RequestState.Submitted],
        QueueTab.Dispatched => [RequestState.Dispatched],
        QueueTab.InProgress => [RequestState.InProgress, RequestState.UnderReview],
        QueueTab.AwaitingEnterprise => [RequestState.AwaitingEnterprise],
        QueueTab.Resolved => [RequestState.Resolved],
        QueueTab.Closed => [RequestState.Closed, RequestState.Withdrawn],
    };
}

/// <summary>Where a page of a queue ended: the next page starts after it.</summary>
public sealed record QueueCursor(DateTimeOffset? NextDueAt, long Id);

/// <param name="NextDeadline">The running deadline due first, null when none runs (paused, resolved, closed).</param>
/// <param name="Level">How late the request is: the highest level of its running deadlines now.</param>
public sealed record QueueRow(
    long Id, string Number, string Title, RequestState State, Urgency Urgency, string Enterprise, string Category,
    string? LeadDepartment, DateTimeOffset SubmittedAt, QueueDeadline? NextDeadline, EscalationLevel Level, RequestChannel Channel = RequestChannel.Portal);

/// <summary>A row's running deadline due first, in plain values (a page hands its rows over from prerendering).</summary>
public sealed record QueueDeadline(DeadlineKind Kind, DateTimeOffset DueAt);

public sealed record QueueChoice(int Id, string Name);

/// <summary>One handler of a department: the open requests they lead, and how many of those are past a deadline.</summary>
public sealed record HandlerLoad(string UserId, string Name, int Open, int Overdue);

/// <summary>What the queue's filters offer.</summary>
public sealed record QueueChoices(IReadOnlyList<QueueChoice> Categories, IReadOnlyList<QueueChoice> Departments, IReadOnlyList<QueueChoice> Parks);

/// <param name="Counts">How many requests each open tab holds; 已办结 is not counted.</param>
public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, QueueCursor? Next, IReadOnlyDictionary<QueueTab, int> Counts);

/// <summary>
/// A staff member's queue (工作台): the requests in their scope (<see cref="RequestScope"/>), a tab of states at
/// a time, the nearest running deadline first, a page at a time by keyset on (the stored next deadline, id). The filter by
/// level reads the levels the escalation scan recorded; each row's own level is computed now.
/// </summary>
public sealed class WorkQueue(
    IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, EscalationSettingsService escalation, TimeProvider time)
{
    public const int PageSize = 30;

    /// <param name="calendar">The work calendar the caller already holds (a page counts its countdowns by it); read here otherwise.</param>
    public async Task<QueuePage> ListAsync(
        PortalUser user, QueueQuery query, QueueCursor? after = null, WorkCalendar? calendar = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The open tabs are counted; 已办结 is not: it only grows, and counting a scope's years of closed requests on
        // every visit would cost more than the rest of the page.
        var openStates = Enum.GetValues<QueueTab>().Where(t => t != QueueTab.Closed).SelectMany(QueueQuery.StatesOf).ToList();
        var tabStates = QueueQuery.StatesOf(query.Tab);
        // The scope's dependencies are looked up once, for the counted states and the tab's together.
        var scope = await Scope(db, user, query, openStates.Union(tabStates).ToList(), cancellationToken);
        // "Needs me" is applied in each state's arm, where it can be put in that state's terms.
        var filtered = Filtered(db, user, query with { NeedsMe = false }, scope);
        // Counted a state at a time too: each state's arm is a range of an index (an index-only scan where the table's
        // pages are all visible), where one query over the states together ORs the conditions into a bitmap over the
        // table's pages, one page read per request counted.
        var counts = await openStates.Select(state => InState(filtered, state).Select(r => r.State))
            .Aggregate((all, arm) => all.Concat(arm))
            .GroupBy(state => state).Select(g => new { State = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var tabCounts = Enum.GetValues<QueueTab>().Where(t => t != QueueTab.Closed).ToDictionary(
            tab => tab, tab => counts.Where(c => QueueQuery.StatesOf(tab).Contains(c.State)).Sum(c => c.Count));

        var tab = filtered;
        // A closed or withdrawn request has no running deadline (closing stops them all), so the closed tab is in id
        // order alone: the walk of the primary key. The open tabs follow the stored NextDueAt, due first, none last.
        var byId = query.Tab == QueueTab.Closed;
        if (byId && after is { Id: var closedAfter })
        {
            tab = tab.Where(r => r.Id > closedAfter);
        }
        else if (after is { NextDueAt: { } due, Id: var id })
        {
            tab = tab.Where(r => r.NextDueAt == null || r.NextDueAt > due || (r.NextDueAt == due && r.Id > id));
        }
        else if (after is { Id: var lastId })
        {
            tab = tab.Where(r => r.NextDueAt == null && r.Id > lastId);
        }
        IQueryable<ServiceRequest> InState(IQueryable<ServiceRequest> requests, RequestState state)
        {
            requests = requests.Where(r => r.State == state);
            return query.NeedsMe ? WaitingFor(db, requests, user, state) : requests;
        }
        // PostgreSQL sorts nulls last by itself (and can then walk the (State, NextDueAt, Id) index); SQLite sorts them first.
        IOrderedQueryable<ServiceRequest> Ordered(IQueryable<ServiceRequest> requests) => byId
            ? requests.OrderBy(r => r.Id)
            : db is PostgresPortalDbContext
                ? requests.OrderBy(r => r.NextDueAt).ThenBy(r => r.Id)
                : requests.OrderBy(r => r.NextDueAt == null).ThenBy(r => r.NextDueAt).ThenBy(r => r.Id);
        // A tab of two states (办理中 and 待甄别; 已办结 and 已撤回) is a page of each, merged: an index gives each state's
        // rows in order, but not the two states' rows together, so one query would sort every row of both first.
        var arms = tabStates
            .Select(state => (IQueryable<ServiceRequest>)Ordered(InState(tab, state)).Take(PageSize + 1))
            .Aggregate((all, arm) => all.Concat(arm));
        var page = await Ordered(arms)
            .Take(PageSize + 1)
            .Select(r => new
            {
                r.Id, r.Number, r.Title, r.State, r.Urgency, r.SubmittedAt, r.NextDueAt, r.Channel,
                Enterprise = db.Enterprises.Where(e => e.Id == r.EnterpriseId).Select(e => e.Name).Single(),
                Category = db.RequestCategories.Where(c => c.Id == r.CategoryId).Select(c => c.Name).Single(),
                LeadDepartment = db.Departments.Where(d => d.Id == r.LeadDepartmentId).Select(d => d.Name).SingleOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var shown = page.Take(PageSize).ToList();
        var ids = shown.Select(r => r.Id).ToList();
        var deadlines = (await db.Set<RequestDeadline>().AsNoTracking()
                .Where(d => ids.Contains(EF.Property<long>(d, "RequestId")) && d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation)
                .Select(d => new { RequestId = EF.Property<long>(d, "RequestId"), Deadline = d })
                .ToListAsync(cancellationToken))
            .ToLookup(d => d.RequestId, d => d.Deadline);
        calendar ??= await calendars.GetCalendarAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var policy = await escalation.PolicyAsync(cancellationToken);
        var rows = shown.Select(r => new QueueRow(
            r.Id, r.Number, r.Title, r.State, r.Urgency, r.Enterprise, r.Category, r.LeadDepartment, r.SubmittedAt,
            deadlines[r.Id].OrderBy(d => d.DueAt).Select(d => new QueueDeadline(d.Kind, d.DueAt)).FirstOrDefault(),
            policy.LevelOf(deadlines[r.Id], calendar, now), r.Channel))
            .ToList();
        var next = page.Count > PageSize ? new QueueCursor(shown[^1].NextDueAt, shown[^1].Id) : null;
        return new QueuePage(rows, next, tabCounts);
    }

    public async Task<QueueChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One statement for the three short lists, which every queue page shows: they are sorted here.
        var all = await db.RequestCategories.Select(c => new { Kind = ChoiceKind.Category, c.Id, c.Name, Code = (string?)c.Code })
            .Concat(db.Departments.Select(d => new { Kind = ChoiceKind.Department, d.Id, d.Name, Code = (string?)null }))
            .Concat(db.Parks.Select(p => new { Kind = ChoiceKind.Park, p.Id, p.Name, Code = (string?)null }))
            .ToListAsync(cancellationToken);
        List<QueueChoice> Of(ChoiceKind kind) =>
            [.. all.Where(c => c.Kind == kind).OrderBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Id).Select(c => new QueueChoice(c.Id, c.Name))];
        return new QueueChoices(Of(ChoiceKind.Category), Of(ChoiceKind.Department), Of(ChoiceKind.Park));
    }

    private enum ChoiceKind
    {
        Category,
        Department,
        Park,
    }

    /// <summary>
    /// What waits for the user's own action: for a commissioner, their requests to dispatch and those they handle
    /// directly; for a department handler, what their department leads and nobody else took, and the co-handling
    /// replies it owes; for a supervisor, requests routed to nobody (待受理), those returned that they had
    /// dispatched, pending extensions and disputes to review.
    /// </summary>
    /// <remarks>
    /// With <paramref name="state"/> (the requests are all in it) a commissioner's condition is put in that state's terms:
    /// without the OR of the states, PostgreSQL walks the (CommissionerUserId, State, NextDueAt, …) index in deadline order
    /// rather than fetching and sorting every one of their requests in the state.
    /// </remarks>
    private static IQueryable<ServiceRequest> WaitingFor(
        PortalDbContext db, IQueryable<ServiceRequest> requests, PortalUser user, RequestState state) => (user.Role, state) switch
    {
        (Roles.Commissioner, RequestState.Submitted) => requests.Where(r => r.CommissionerUserId == user.Id),
        (Roles.Commissioner, RequestState.Dispatched or RequestState.InProgress) =>
            requests.Where(r => r.CommissionerUserId == user.Id && r.HandledByCommissioner),
        (Roles.Commissioner, _) => requests.Where(_ => false),
        _ => WaitingFor(db, requests, user),
    };

    private static IQueryable<ServiceRequest> WaitingFor(PortalDbContext db, IQueryable<ServiceRequest> requests, PortalUser user) => user.Role switch
    {
        Roles.Supervisor => requests.Where(r =>
            (r.State == RequestState.Submitted && (r.CommissionerUserId == null || r.DispatchedByUserId == user.Id))
            || r.PendingExtensionDays != null
            || r.State == RequestState.UnderReview),
        Roles.Commissioner => requests.Where(r => r.CommissionerUserId == user.Id
            && (r.State == RequestState.Submitted
                || (r.HandledByCommissioner && (r.State == RequestState.Dispatched || r.State == RequestState.InProgress)))),
        Roles.DepartmentHandler when user.DepartmentId is { } department => requests.Where(r =>
            (r.State == RequestState.Dispatched || r.State == RequestState.InProgress)
            && ((r.LeadDepartmentId == department && (r.LeadHandlerUserId == null || r.LeadHandlerUserId == user.Id))
                || r.CoHandlers.Any(c => c.DepartmentId == department && c.RepliedAt == null && c.WaivedAt == null))),
        _ => requests.Where(_ => false),
    };

    /// <summary>A department head's handlers with how many open requests each has and how many are overdue; empty for anyone else.</summary>
    public async Task<IReadOnlyList<HandlerLoad>> LoadAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (!MayHeadADepartment(user))
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var department = await db.Departments.Where(d => d.HeadUserId == user.Id && d.Id == user.DepartmentId)
            .Select(d => (int?)d.Id).SingleOrDefaultAsync(cancellationToken);
        if (department is null)
        {
            return [];
        }
        RequestState[] openStates = [RequestState.Dispatched, RequestState.InProgress, RequestState.AwaitingEnterprise];
        var now = time.GetUtcNow();
        return await (
            from u in db.Users
            where u.DepartmentId == department && u.DeactivatedAt == null
            orderby u.DisplayName
            select new HandlerLoad(
                u.Id, u.DisplayName,
                db.ServiceRequests.Count(r => r.LeadHandlerUserId == u.Id && openStates.Contains(r.State)),
                db.ServiceRequests.Count(r => r.LeadHandlerUserId == u.Id && openStates.Contains(r.State)
                    && r.Deadlines.Any(d => d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation && d.DueAt < now))))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// For a department head: how many requests their department leads, dispatched or in progress, that no handler has
    /// yet (neither distributed nor signed for by one); null for anyone else.
    /// </summary>
    public async Task<int?> UndistributedAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        if (!MayHeadADepartment(user))
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var department = await db.Departments.Where(d => d.HeadUserId == user.Id && d.Id == user.DepartmentId)
            .Select(d => (int?)d.Id).SingleOrDefaultAsync(cancellationToken);
        if (department is null)
        {
            return null;
        }
        return await db.ServiceRequests.CountAsync(r => r.LeadDepartmentId == department && r.LeadHandlerUserId == null
            && !r.HandledByCommissioner && (r.State == RequestState.Dispatched || r.State == RequestState.InProgress), cancellationToken);
    }

    /// <summary>Only a department's handler can be its head: anyone else is answered without asking the database.</summary>
    private static bool MayHeadADepartment(PortalUser user) => user.Role == Roles.DepartmentHandler && user.DepartmentId is not null;

    /// <summary>
    /// The user's scope among these states, for the caller to narrow to its own (<see cref="RequestScope.VisibleAmongStatesAsync"/>). A commissioner's "needs me"
    /// asks for their own requests (<see cref="WaitingFor"/>: CommissionerUserId is theirs), which lie within their scope
    /// whatever else it holds: the scope is left out, so that PostgreSQL reads the (CommissionerUserId, State, …) index alone
    /// rather than OR-ing it with every request of their enterprises.
    /// </summary>
    private static async Task<IQueryable<ServiceRequest>> Scope(
        PortalDbContext db, PortalUser user, QueueQuery query, IReadOnlyCollection<RequestState> states, CancellationToken cancellationToken) =>
        // The queue is staff's: its rows carry internal facts (departments, levels), so an enterprise user has none.
        user.Role switch
        {
            Roles.Enterprise => db.ServiceRequests.Where(_ => false),
            Roles.Commissioner when query.NeedsMe => db.ServiceRequests.AsNoTracking(),
            _ => await db.ServiceRequests.AsNoTracking().VisibleAmongStatesAsync(db, user, states, cancellationToken),
        };

    /// <summary>The scoped requests with the query's filters and search.</summary>
    private static IQueryable<ServiceRequest> Filtered(PortalDbContext db, PortalUser user, QueueQuery query, IQueryable<ServiceRequest> requests)
    {
        if (query.NeedsMe)
        {
            requests = WaitingFor(db, requests, user);
        }
        if (query.EnterpriseId is { } enterprise)
        {
            requests = requests.Where(r => r.EnterpriseId == enterprise);
        }
        if (query.CategoryId is { } category)
        {
            requests = requests.Where(r => r.CategoryId == category);
        }
        if (query.DepartmentId is { } department)
        {
            requests = requests.Where(r => r.LeadDepartmentId == department || r.CoHandlers.Any(c => c.DepartmentId == department));
        }
        if (query.ParkId is { } park)
        {
            requests = requests.Where(r => db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.ParkId == park));
        }
        if (query.Level is { } level)
        {
            var recorded = db.OfRunningDeadlines();
            // Levels are stored by name: "higher" is a list, not a comparison.
            var higher = Enum.GetValues<EscalationLevel>().Where(l => l > level).ToList();
            requests = level == EscalationLevel.OnTime
                ? requests.Where(r => !recorded.Any(e => e.RequestId == r.Id))
                : requests.Where(r => recorded.Any(e => e.RequestId == r.Id && e.Level == level)
                    && !recorded.Any(e => e.RequestId == r.Id && higher.Contains(e.Level)));
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            text = text.Length > QueueQuery.SearchMaxLength ? text[..QueueQuery.SearchMaxLength] : text;
            requests = requests.Where(r => r.Number.Contains(text) || r.Title.Contains(text)
                || db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.Name.Contains(text)));
        }
        return requests;
    }
}
