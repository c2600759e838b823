using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Attachments;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Organisation;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Identity;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Every action on a request, each in its own short-lived context: load within the user's scope,
/// check the version the user saw, let the domain act, save with optimistic concurrency.
/// </summary>
public sealed class RequestService(
    IDbContextFactory<PortalDbContext> contexts,
    WorkCalendarService calendars,
    RequestTargetsSource targetsSource,
    RequestEventNotifier notifier,
    EscalationSettingsService escalation,
    TimeProvider time)
{
    public async Task<string> SubmitAsync(PortalUser user, SubmitRequestInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (user.Role is not (Roles.Enterprise or Roles.Commissioner))
        {
            throw new DomainException(RequestRefusals.CannotFileForEnterprise, "您不能为该企业提交诉求");
        }
        // An enterprise outside the filer's scope (another's, another commissioner's, or none) is not found, as a request would be.
        var inScope = await db.Enterprises.AnyAsync(e => e.Id == input.EnterpriseId
            && (user.Role == Roles.Enterprise ? e.Id == user.EnterpriseId : e.CommissionerUserId == user.Id), cancellationToken);
        if (!inScope)
        {
            throw new EnterpriseNotFoundException(input.EnterpriseId);
        }
        var enterprise = await RequestRouter.ForAsync(db, input.EnterpriseId, cancellationToken);
        var categoryActive = await db.RequestCategories.Where(c => c.Id == input.CategoryId).Select(c => (bool?)c.IsActive)
            .SingleOrDefaultAsync(cancellationToken);
        if (categoryActive is null)
        {
            throw new DomainException(RequestRefusals.CategoryNotFound, "所选诉求类别不存在");
        }
        if (categoryActive == false)
        {
            throw new DomainException(CategoryRefusals.Inactive, "所选诉求类别已停用，请选择其他类别");
        }
        if (input.ProjectId is { } projectId
            && !await db.Projects.AnyAsync(p => p.Id == projectId && p.EnterpriseId == enterprise.EnterpriseId, cancellationToken))
        {
            throw new DomainException(RequestRefusals.ProjectNotOfEnterprise, "所选项目不存在或不属于该企业");
        }

        var now = time.GetUtcNow();
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var targets = await targetsSource.ForAsync(db, input.CategoryId, input.Urgency, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var number = await RequestNumbers.NextAsync(db, now, cancellationToken);
        var request = ServiceRequest.Submit(
            await ActorAsync(db, user, cancellationToken), number, enterprise.EnterpriseId, input.Channel, input.CategoryId, input.Urgency,
            input.Title, input.Description, enterprise.CommissionerUserId, enterprise.CadreUserId, targets, calendar, now, input.ProjectId);
        db.ServiceRequests.Add(request);
        var files = await DraftFilesAsync(db, user, input.AttachmentIds, cancellationToken);
        var notifications = await notifier.AddAsync(db, request, request.Timeline, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (files.Count > 0)
        {
            foreach (var file in files)
            {
                file.FileWith(request.Id);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        // The draft it was filed from is spent; its unchosen files stay with the user.
        await db.RequestDrafts.Where(d => d.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.AfterCommit(notifications);
        return number;
    }

    /// <summary>The request as this user may see it; null when it does not exist or is outside their scope.</summary>
    public async Task<RequestDetails?> GetAsync(PortalUser user, string number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await LoadAsync(db, user, number, tracking: false, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var names = await (
            from e in db.Enterprises
            where e.Id == request.EnterpriseId
            select new
            {
                Enterprise = e.Name,
                Category = db.RequestCategories.Where(c => c.Id == request.CategoryId).Select(c => c.Name).Single(),
                Lead = db.Departments.Where(d => d.Id == request.LeadDepartmentId).Select(d => d.Name).SingleOrDefault(),
                Commissioner = db.Users.Where(u => u.Id == request.CommissionerUserId).Select(u => u.DisplayName).SingleOrDefault(),
                Project = db.Projects.Where(p => p.Id == request.ProjectId).Select(p => p.Name).SingleOrDefault(),
            }).SingleAsync(cancellationToken);
        var staff = user.Role != Roles.Enterprise;
        var timeline = request.Timeline.Where(e => staff || e.VisibleToEnterprise).OrderBy(e => e.Sequence).ToList();
        var userIds = timeline.Select(e => e.ActorUserId).Concat(timeline.Select(e => e.TargetUserId)).OfType<string>().Distinct().ToList();
        var departmentIds = timeline.Select(e => e.DepartmentId).OfType<int>().Concat(request.CoHandlers.Select(c => c.DepartmentId)).Distinct().ToList();
        var people = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var departments = await db.Departments.Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var calendar = await calendars.GetCalendarAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var policy = await escalation.PolicyAsync(cancellationToken);
        var levels = staff
            ? request.Deadlines.ToDictionary(d => d.Id, d => policy.LevelOf(d, calendar, now))
            : [];
        var actor = await ActorAsync(db, user, cancellationToken);
        var eventFiles = await db.Attachments.AsNoTracking()
            .Where(a => a.RequestId == request.Id && a.EventSequence != null && (staff || a.VisibleToEnterprise))
            .ToListAsync(cancellationToken);
        return new RequestDetails(
            request.Number, request.Version, request.State, request.Title, request.Description, request.Channel, request.Urgency,
            request.EnterpriseId, names.Enterprise, request.CategoryId, names.Category, request.LeadDepartmentId, names.Lead,
            request.SubmittedAt,
            timeline,
            [.. request.Deadlines.Where(d => staff || d.Kind is DeadlineKind.Resolve or DeadlineKind.Evaluation).OrderBy(d => d.Id)],
            staff ? [.. request.CoHandlers] : [],
            request.ReopenCount, request.ApprovedExtensions, staff ? request.PendingExtensionDays : null,
            people, departments, staff ? policy.LevelOf(request, calendar, now) : EscalationLevel.OnTime, levels,
            names.Commissioner, request.ProjectId, names.Project, request.ActionsFor(actor),
            [.. eventFiles.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(AttachmentService.Info)]);
    }

    public const int MaxPageSize = 200;

    /// <summary>The requests this user may see, newest first, a page at a time by keyset (after the last id seen).</summary>
    public async Task<RequestPage> ListAsync(PortalUser user, long? afterId = null, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = db.ServiceRequests.VisibleTo(db, user);
        if (afterId is { } after)
        {
            visible = visible.Where(r => r.Id < after);
        }
        var rows = await (
            from r in visible
            join e in db.Enterprises on r.EnterpriseId equals e.Id
            orderby r.Id descending
            select new RequestSummary(r.Id, r.Number, r.Title, r.State, r.Urgency, e.Name, r.SubmittedAt, "", default, null))
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        return rows.Count > pageSize
            ? new RequestPage(rows[..pageSize], rows[pageSize - 1].Id)
            : new RequestPage(rows, null);
    }

    /// <summary>
    /// The requests this user may see that match <paramref name="query"/>, in its order, a page at a time by
    /// keyset on (sort instant, id) after <paramref name="after"/>: no offset, no count. Each line carries its
    /// category, last update and next deadline as this reader may see them (the enterprise: its public activity,
    /// and the deadlines promised to it — first reply, resolution — or its own evaluation window).
    /// </summary>
    public async Task<RequestListPage> ListAsync(
        PortalUser user, RequestListQuery query, RequestCursor? after = null, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var enterprise = user.Role == Roles.Enterprise;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = db.ServiceRequests.VisibleTo(db, user).AsNoTracking();
        if (query.States is { Count: > 0 } states)
        {
            visible = visible.Where(r => states.Contains(r.State));
        }
        if (query.EnterpriseId is { } enterpriseId)
        {
            visible = visible.Where(r => r.EnterpriseId == enterpriseId);
        }
        if (query.DepartmentId is { } departmentId)
        {
            visible = visible.Where(r => r.LeadDepartmentId == departmentId);
        }
        if (query.ParkId is { } parkId)
        {
            visible = visible.Where(r => db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.ParkId == parkId));
        }
        if (query.CommissionerUserId is { } commissionerId)
        {
            visible = visible.Where(r => r.CommissionerUserId == commissionerId);
        }
        if (query.Level is { } level)
        {
            visible = AtLevel(db, visible, level);
        }
        if (query.Text?.Trim() is { Length: > 0 } text)
        {
            text = text.Length > RequestListQuery.TextMaxLength ? text[..RequestListQuery.TextMaxLength] : text;
            var number = text.ToUpperInvariant();
            visible = visible.Where(r => r.Title.Contains(text) || r.Number.Contains(number)
                || db.Enterprises.Any(e => e.Id == r.EnterpriseId && e.Name.Contains(text)));
        }
        visible = Ordered(visible, query.Sort, enterprise, after, db is PostgresPortalDbContext);
        var rows = await (
            from r in visible
            select new
            {
                r.Id, r.Number, r.Title, r.State, r.Urgency, r.SubmittedAt,
                r.LastActivityAt, r.LastPublicActivityAt,
                Enterprise = db.Enterprises.Where(e => e.Id == r.EnterpriseId).Select(e => e.Name).Single(),
                Category = db.RequestCategories.Where(c => c.Id == r.CategoryId).Select(c => c.Name).Single(),
            })
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(pageSize)
            .Select(r => new { r.Id, r.Number, r.Title, r.State, r.Urgency, r.SubmittedAt, Updated = enterprise ? r.LastPublicActivityAt : r.LastActivityAt, r.Enterprise, r.Category })
            .ToList();
        var ids = page.Select(r => r.Id).ToList();
        DeadlineKind[] kinds = enterprise
            ? [DeadlineKind.FirstReply, DeadlineKind.Resolve, DeadlineKind.Evaluation]
            : [DeadlineKind.Dispatch, DeadlineKind.Sign, DeadlineKind.FirstReply, DeadlineKind.Resolve, DeadlineKind.CoHandlerReply, DeadlineKind.Evaluation];
        var deadlines = (await db.Set<RequestDeadline>().AsNoTracking()
                .Where(d => ids.Contains(EF.Property<long>(d, "RequestId"))
                    && (d.Status == DeadlineStatus.Open || d.Status == DeadlineStatus.Paused) && kinds.Contains(d.Kind))
                .Select(d => new { RequestId = EF.Property<long>(d, "RequestId"), Deadline = d })
                .ToListAsync(cancellationToken))
            .ToLookup(d => d.RequestId, d => d.Deadline);
        var calendar = await calendars.GetCalendarAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        var items = page.Select(r => new RequestSummary(
            r.Id, r.Number, r.Title, r.State, r.Urgency, r.Enterprise, r.SubmittedAt, r.Category, r.Updated,
            NextOf(deadlines[r.Id], calendar, now))).ToList();
        RequestCursor? next = null;
        if (rows.Count > pageSize)
        {
            var last = page[^1];
            next = new RequestCursor(query.Sort == RequestSort.RecentlyUpdated ? last.Updated : last.SubmittedAt, last.Id);
        }
        return new RequestListPage(items, next);
    }

    private static readonly RequestState[] OpenStates =
        [RequestState.Submitted, RequestState.Dispatched, RequestState.InProgress, RequestState.AwaitingEnterprise, RequestState.UnderReview];

    /// <summary>Open requests whose highest level recorded on a running deadline is <paramref name="level"/> (none recorded: on time).</summary>
    private static IQueryable<ServiceRequest> AtLevel(PortalDbContext db, IQueryable<ServiceRequest> requests, EscalationLevel level)
    {
        var recorded = db.OfRunningDeadlines();
        // Levels are stored by name: "higher" is a list, not a comparison.
        var higher = Enum.GetValues<EscalationLevel>().Where(l => l > level).ToList();
        requests = requests.Where(r => OpenStates.Contains(r.State));
        return level == EscalationLevel.OnTime
            ? requests.Where(r => !recorded.Any(e => e.RequestId == r.Id))
            : requests.Where(r => recorded.Any(e => e.RequestId == r.Id && e.Level == level)
                && !recorded.Any(e => e.RequestId == r.Id && higher.Contains(e.Level)));
    }

    private static NextDeadline? NextOf(IEnumerable<RequestDeadline> running, WorkCalendar calendar, DateTimeOffset now)
    {
        var first = running.OrderBy(d => d.Status == DeadlineStatus.Paused).ThenBy(d => d.DueAt).FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        var left = first switch
        {
            { Status: DeadlineStatus.Paused, PausedAt: { } paused } => calendar.WorkingTimeLeftAtPause(first.DueAt, paused),
            _ when now <= first.DueAt => calendar.WorkingTimeBetween(now, first.DueAt),
            _ => -calendar.WorkingTimeBetween(first.DueAt, now),
        };
        return new NextDeadline(first.Kind, first.DueAt, first.Status == DeadlineStatus.Paused, left);
    }

    /// <summary>
    /// The list in the sort's order, from after the cursor. PostgreSQL compares the row value (key, id) so
    /// that it walks the index; SQLite has no row values and compares the expanded form.
    /// </summary>
    private static IQueryable<ServiceRequest> Ordered(
        IQueryable<ServiceRequest> requests, RequestSort sort, bool enterprise, RequestCursor? after, bool postgres)
    {
        if (after is { } cursor)
        {
            var (at, id) = (cursor.Key, cursor.Id);
            requests = (sort, enterprise, postgres) switch
            {
                (RequestSort.Oldest, _, true) => requests.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.SubmittedAt, r.Id), ValueTuple.Create(at, id))),
                (RequestSort.Oldest, _, false) => requests.Where(r => r.SubmittedAt > at || (r.SubmittedAt == at && r.Id > id)),
                (RequestSort.RecentlyUpdated, true, true) => requests.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.LastPublicActivityAt, r.Id), ValueTuple.Create(at, id))),
                (RequestSort.RecentlyUpdated, true, false) => requests.Where(r => r.LastPublicActivityAt < at || (r.LastPublicActivityAt == at && r.Id < id)),
                (RequestSort.RecentlyUpdated, false, true) => requests.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.LastActivityAt, r.Id), ValueTuple.Create(at, id))),
                (RequestSort.RecentlyUpdated, false, false) => requests.Where(r => r.LastActivityAt < at || (r.LastActivityAt == at && r.Id < id)),
                (_, _, true) => requests.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.SubmittedAt, r.Id), ValueTuple.Create(at, id))),
                (_, _, false) => requests.Where(r => r.SubmittedAt < at || (r.SubmittedAt == at && r.Id < id)),
            };
        }
        return (sort, enterprise) switch
        {
            (RequestSort.Oldest, _) => requests.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id),
            (RequestSort.RecentlyUpdated, true) => requests.OrderByDescending(r => r.LastPublicActivityAt).ThenByDescending(r => r.Id),
            (RequestSort.RecentlyUpdated, false) => requests.OrderByDescending(r => r.LastActivityAt).ThenByDescending(r => r.Id),
            _ => requests.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id),
        };
    }

    public Task DispatchAsync(PortalUser user, string number, int version, int departmentId, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            await RequireDepartmentAsync(db, departmentId, cancellationToken);
            request.Dispatch(actor, departmentId, calendar, now);
        }, cancellationToken);

    public Task HandleDirectlyAsync(PortalUser user, string number, int version, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.HandleDirectly(actor, calendar, now), cancellationToken);

    public Task SignAsync(PortalUser user, string number, int version, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.Sign(actor, calendar, now), cancellationToken);

    public Task ReturnAsync(PortalUser user, string number, int version, ReturnReason reason, string? explanation, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.ReturnToDispatcher(actor, reason, explanation, calendar, now), cancellationToken);

    public Task TransferAsync(PortalUser user, string number, int version, int departmentId, string? explanation, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            await RequireDepartmentAsync(db, departmentId, cancellationToken);
            request.Transfer(actor, departmentId, explanation, calendar, now);
        }, cancellationToken);

    public Task DistributeAsync(PortalUser user, string number, int version, string handlerUserId, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            var inDepartment = await db.Users.AnyAsync(u => u.Id == handlerUserId && u.DepartmentId == actor.DepartmentId, cancellationToken);
            if (!inDepartment)
            {
                throw new DomainException(RequestRefusals.HandlerNotOfDepartment, "只能分办给本部门的经办人");
            }
            request.Distribute(actor, handlerUserId, calendar, now);
        }, cancellationToken);

    public Task ReassignAsync(PortalUser user, string number, int version, string commissionerUserId, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            var commissioner = await db.UsersInRole(Roles.Commissioner).Where(u => u.Id == commissionerUserId)
                .Select(u => new { u.DisplayName, u.DeactivatedAt }).SingleOrDefaultAsync(cancellationToken);
            if (commissioner is null)
            {
                throw new DomainException(RequestRefusals.NotACommissioner, "所选人员不是服务专员");
            }
            if (commissioner.DeactivatedAt is not null)
            {
                throw new DomainException(RequestRefusals.CommissionerDeactivated, $"{commissioner.DisplayName}的账号已停用，不能接手诉求", commissioner.DisplayName);
            }
            request.Reassign(actor, commissionerUserId, calendar, now);
        }, cancellationToken);

    public Task AddCoHandlerAsync(PortalUser user, string number, int version, int departmentId, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            await RequireDepartmentAsync(db, departmentId, cancellationToken);
            request.AddCoHandler(actor, departmentId, calendar, now);
        }, cancellationToken);

    public Task CoHandlerReplyAsync(PortalUser user, string number, int version, string? text, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.CoHandlerReply(actor, text, calendar, now), cancellationToken);

    public Task WaiveCoHandlerReplyAsync(PortalUser user, string number, int version, int departmentId, string? reason, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.WaiveCoHandlerReply(actor, departmentId, reason, calendar, now), cancellationToken);

    public Task AskForMaterialsAsync(PortalUser user, string number, int version, string? whatIsNeeded, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.AskForMaterials(actor, whatIsNeeded, calendar, now), cancellationToken);

    public Task SupplementAsync(PortalUser user, string number, int version, string? text, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.Supplement(actor, text, calendar, now), cancellationToken);

    /// <summary>A reply the enterprise sees, with the files the user added to it (<see cref="AttachmentService.AddToMessageAsync"/>).</summary>
    public Task PublicReplyAsync(
        PortalUser user, string number, int version, string? text, IReadOnlyList<Guid>? attachmentIds = null, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            request.PublicReply(actor, text, calendar, now);
            await SendFilesAsync(db, user, request, attachmentIds, cancellationToken);
        }, cancellationToken);

    /// <summary>A note among staff; its files stay hidden from the enterprise as the note does.</summary>
    public Task InternalNoteAsync(
        PortalUser user, string number, int version, string? text, IReadOnlyList<Guid>? attachmentIds = null, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            request.InternalNote(actor, text, calendar, now);
            await SendFilesAsync(db, user, request, attachmentIds, cancellationToken);
        }, cancellationToken);

    public Task RequestExtensionAsync(PortalUser user, string number, int version, int days, string? reason, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.RequestExtension(actor, days, reason, calendar, now), cancellationToken);

    public Task ApproveExtensionAsync(PortalUser user, string number, int version, int days, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.ApproveExtension(actor, days, calendar, now), cancellationToken);

    public Task DenyExtensionAsync(PortalUser user, string number, int version, string? reason, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.DenyExtension(actor, reason, calendar, now), cancellationToken);

    public Task ResolveAsync(
        PortalUser user, string number, int version, string? answer, IReadOnlyList<Guid>? attachmentIds = null, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, async (db, request, actor, calendar, now) =>
        {
            request.Resolve(actor, answer, calendar, now);
            await SendFilesAsync(db, user, request, attachmentIds, cancellationToken);
        }, cancellationToken);

    public Task EvaluateAsync(PortalUser user, string number, int version, bool solved, Satisfaction satisfaction, string? comment, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.Evaluate(actor, solved, satisfaction, comment, calendar, now), cancellationToken);

    public Task RecordFollowUpEvaluationAsync(PortalUser user, string number, int version, bool solved, Satisfaction satisfaction, string? notes, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.RecordFollowUpEvaluation(actor, solved, satisfaction, notes, calendar, now), cancellationToken);

    public Task ReviewDisputeAsync(PortalUser user, string number, int version, bool upheld, string? reasoning, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.ReviewDispute(actor, upheld, reasoning, calendar, now), cancellationToken);

    public Task WithdrawAsync(PortalUser user, string number, int version, string? reason, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.Withdraw(actor, reason, calendar, now), cancellationToken);

    public Task UrgeAsync(PortalUser user, string number, int version, string? message, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.Urge(actor, message, calendar, now), cancellationToken);

    public Task SuperviseAsync(PortalUser user, string number, int version, string? instruction, CancellationToken cancellationToken = default) =>
        ActAsync(user, number, version, (request, actor, calendar, now) => request.Supervise(actor, instruction, calendar, now), cancellationToken);

    private Task ActAsync(
        PortalUser user, string number, int version, Action<ServiceRequest, Actor, WorkCalendar, DateTimeOffset> act,
        CancellationToken cancellationToken) =>
        ActAsync(user, number, version, (_, request, actor, calendar, now) =>
        {
            act(request, actor, calendar, now);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task ActAsync(
        PortalUser user, string number, int version, Func<PortalDbContext, ServiceRequest, Actor, WorkCalendar, DateTimeOffset, Task> act,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await LoadAsync(db, user, number, tracking: true, cancellationToken) ?? throw new RequestNotFoundException(number);
        if (request.Version != version)
        {
            throw new RequestChangedException();
        }
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var eventsBefore = request.Timeline.Count;
        await act(db, request, await ActorAsync(db, user, cancellationToken), calendar, time.GetUtcNow());
        var notifications = await notifier.AddAsync(
            db, request, [.. request.Timeline.Where(e => e.Sequence > eventsBefore)], cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
        {
            throw new RequestChangedException();
        }
        notifier.AfterCommit(notifications);
    }

    private static Task<ServiceRequest?> LoadAsync(PortalDbContext db, PortalUser user, string number, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.ServiceRequests.VisibleTo(db, user)
            .Include(r => r.Timeline).Include(r => r.Deadlines).Include(r => r.CoHandlers)
            .AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(r => r.Number == number, cancellationToken);
    }

    /// <summary>The files of the user's draft chosen for the submission; refused when any is not there, or too many.</summary>
    private static async Task<List<Attachment>> DraftFilesAsync(
        PortalDbContext db, PortalUser user, IReadOnlyList<Guid>? attachmentIds, CancellationToken cancellationToken)
    {
        var ids = attachmentIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            return [];
        }
        if (ids.Count > Attachment.MaxPerFiling)
        {
            throw new DomainException(AttachmentRefusals.TooMany, $"一件诉求最多上传 {Attachment.MaxPerFiling} 个附件", Attachment.MaxPerFiling);
        }
        var files = await db.Attachments.Where(a => ids.Contains(a.Id) && a.DraftUserId == user.Id).ToListAsync(cancellationToken);
        if (files.Count != ids.Count)
        {
            throw new DomainException(AttachmentRefusals.NotFoundOrFiled, "所选附件不存在或已随其他诉求提交，请重新上传");
        }
        return files;
    }

    /// <summary>
    /// The files the user added to the message they just sent go with its event (the last on the timeline); refused
    /// when any is not waiting with this user's message on this request.
    /// </summary>
    private static async Task SendFilesAsync(
        PortalDbContext db, PortalUser user, ServiceRequest request, IReadOnlyList<Guid>? attachmentIds, CancellationToken cancellationToken)
    {
        var ids = attachmentIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
        {
            return;
        }
        if (ids.Count > Attachment.MaxPerFiling)
        {
            throw new DomainException(AttachmentRefusals.TooManyOnMessage, $"一条消息最多附 {Attachment.MaxPerFiling} 个附件", Attachment.MaxPerFiling);
        }
        var files = await db.Attachments
            .Where(a => ids.Contains(a.Id) && a.DraftUserId == user.Id && a.DraftRequestId == request.Id)
            .ToListAsync(cancellationToken);
        if (files.Count != ids.Count)
        {
            throw new DomainException(AttachmentRefusals.MessageFilesGone, "所选附件不存在或已随其他消息发送，请重新上传");
        }
        var sent = request.Timeline.MaxBy(e => e.Sequence)!;
        foreach (var file in files)
        {
            file.SendWith(sent);
        }
    }

    private static async Task<Actor> ActorAsync(PortalDbContext db, PortalUser user, CancellationToken cancellationToken)
    {
        var isHead = user.DepartmentId is { } department
            && await db.Departments.AnyAsync(d => d.Id == department && d.HeadUserId == user.Id, cancellationToken);
        return new Actor(user.Id, user.Role, user.DepartmentId, user.EnterpriseId, isHead);
    }

    private static async Task RequireDepartmentAsync(PortalDbContext db, int departmentId, CancellationToken cancellationToken)
    {
        if (!await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken))
        {
            throw new DomainException(RequestRefusals.DepartmentNotFound, "所选部门不存在");
        }
    }
}
