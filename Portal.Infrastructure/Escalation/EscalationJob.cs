using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Escalation;

/// <summary>
/// The escalation scan (DESIGN.md §4), a recurring job every 15 seconds: finds running deadlines that
/// reached a level not yet recorded and, per request in its own transaction, records each level
/// (unique per request, kind, party, generation and level), tells the people of the highest new level in
/// the portal and by e-mail through the outbox, and for a severely overdue deadline writes the portal's
/// own 督办 on the timeline. A run that dies, or two servers scanning at once, double nothing: the
/// unique key refuses the second row and that request's transaction rolls back whole.
/// </summary>
public sealed class EscalationJob(
    IDbContextFactory<PortalDbContext> contexts,
    WorkCalendarService calendars,
    EscalationSettingsService settings,
    IOptions<EscalationOptions> options,
    RequestEventNotifier notifier,
    TimeProvider time,
    ILogger<EscalationJob> logger)
{
    public const string RecurringJobId = "escalation-scan";

    /// <summary>Every 15 seconds (Hangfire reads a sixth, leading field as seconds): a level is seen within a minute.</summary>
    public const string Cron = "*/15 * * * * *";

    private sealed record Key(long RequestId, DeadlineKind Kind, int Party, int Generation);

    /// <returns>How many escalation levels this run recorded.</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var policy = await settings.PolicyAsync(cancellationToken);
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var due = await DueRequestsAsync(policy, calendar, now, cancellationToken);
        var recorded = 0;
        foreach (var requestId in due.Take(options.Value.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                recorded += await EscalateAsync(requestId, policy, calendar, now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One request's trouble must not stop the others; the next scan tries it again.
                logger.LogError(e, "Escalating request {RequestId} failed", requestId);
            }
        }
        return recorded;
    }

    /// <summary>The requests with a running deadline at a level higher than any recorded for it, oldest first.</summary>
    private async Task<List<long>> DueRequestsAsync(EscalationPolicy policy, WorkCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.Set<RequestDeadline>().AsNoTracking()
            .Where(d => d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation)
            .Select(d => new { RequestId = EF.Property<long>(d, "RequestId"), Deadline = d })
            .ToListAsync(cancellationToken);
        var highest = await (
            from e in db.Escalations
            join d in db.Set<RequestDeadline>()
                on new { e.RequestId, e.Kind, Party = e.PartyDepartmentId, e.Generation }
                equals new { RequestId = EF.Property<long>(d, "RequestId"), d.Kind, Party = d.PartyDepartmentId, d.Generation }
            where d.Status == DeadlineStatus.Open
            select new { e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation, e.Level })
            .ToListAsync(cancellationToken);
        var reached = highest
            .GroupBy(e => new Key(e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation))
            .ToDictionary(g => g.Key, g => g.Max(e => e.Level));
        return running
            .Where(r => policy.LevelOf(r.Deadline, calendar, now)
                > reached.GetValueOrDefault(new Key(r.RequestId, r.Deadline.Kind, r.Deadline.PartyDepartmentId, r.Deadline.Generation)))
            .Select(r => r.RequestId)
            .Distinct()
            .Order()
            .ToList();
    }

    private async Task<int> EscalateAsync(long requestId, EscalationPolicy policy, WorkCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.ServiceRequests
            .Include(r => r.Timeline).Include(r => r.Deadlines).Include(r => r.CoHandlers)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return 0;
        }
        var recorded = (await db.Escalations.Where(e => e.RequestId == requestId)
                .Select(e => new { e.Kind, e.PartyDepartmentId, e.Generation, e.Level }).ToListAsync(cancellationToken))
            .Select(e => (e.Kind, e.PartyDepartmentId, e.Generation, e.Level))
            .ToHashSet();

        var toTell = new List<(RequestDeadline Deadline, RequestEscalation Escalation)>();
        var added = 0;
        foreach (var deadline in request.Deadlines.ToList())
        {
            var level = policy.LevelOf(deadline, calendar, now);
            RequestEscalation? highestNew = null;
            // A deadline first seen late records the levels it passed too, but tells only of the highest:
            // its people include everyone the lower levels would have told.
            for (var l = EscalationLevel.Warning; l <= level; l++)
            {
                if (recorded.Contains((deadline.Kind, deadline.PartyDepartmentId, deadline.Generation, l)))
                {
                    continue;
                }
                highestNew = new RequestEscalation(requestId, deadline, l, now);
                db.Escalations.Add(highestNew);
                added++;
            }
            if (highestNew is null)
            {
                continue;
            }
            toTell.Add((deadline, highestNew));
            if (highestNew.Level == EscalationLevel.SeverelyOverdue
                && RequestLifecycle.Allows(request.State, RequestAction.Supervise, RequestLifecycle.System))
            {
                request.Supervise(Actor.System, EscalationPolicy.SupervisionText(deadline.Kind), calendar, now);
            }
        }
        if (added == 0)
        {
            return 0;
        }

        var outboxIds = new List<Guid>();
        var told = new HashSet<string>();
        foreach (var (deadline, escalation) in toTell)
        {
            await TellAsync(db, request, deadline, escalation, calendar, now, outboxIds, told, cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
        {
            // Another scan recorded it first, or someone acted on the request meanwhile: the next scan looks again.
            logger.LogDebug("Escalation of request {RequestId} lost a race; left to the next scan", requestId);
            return 0;
        }
        notifier.AfterCommit(new NotificationsToSend(outboxIds, told));
        return added;
    }

    private async Task TellAsync(
        PortalDbContext db, ServiceRequest request, RequestDeadline deadline, RequestEscalation escalation, WorkCalendar calendar,
        DateTimeOffset now, List<Guid> outboxIds, HashSet<string> told, CancellationToken cancellationToken)
    {
        var recipients = new HashSet<string>();
        foreach (var part in EscalationPolicy.RecipientsOf(escalation.Level))
        {
            recipients.UnionWith(await MembersAsync(db, request, deadline, part, cancellationToken));
        }
        var people = await db.Users.AsNoTracking()
            .Where(u => recipients.Contains(u.Id) && u.DeactivatedAt == null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture })
            .ToListAsync(cancellationToken);
        var percent = (int)Math.Floor(deadline.FractionUsed(calendar, now) * 100);
        foreach (var person in people)
        {
            db.PortalNotifications.Add(new PortalNotification(person.Id, request, escalation));
            told.Add(person.Id);
            if (string.IsNullOrWhiteSpace(person.Email))
            {
                // Told in the portal only; the home pages list whoever lacks an address.
                continue;
            }
            var recipient = new NotificationRecipient(person.Id, person.Email, person.DisplayName, person.PreferredCulture ?? NotificationText.Languages[0]);
            var facts = new RequestEventFacts(request.Number, request.Title, RequestAction.Escalate, null, null, deadline);
            outboxIds.Add(notifier.AddEmail(db, facts, recipient, language => NotificationText.Format($"Escalation.{escalation.Level}", language,
                NotificationText.Deadline(deadline.Kind, language), percent, NotificationText.Instant(deadline.DueAt, language))));
        }
    }

    private static async Task<IReadOnlyCollection<string>> MembersAsync(
        PortalDbContext db, ServiceRequest request, RequestDeadline deadline, EscalationRecipient part, CancellationToken cancellationToken) => part switch
    {
        EscalationRecipient.MustAct => deadline.Kind switch
        {
            DeadlineKind.CoHandlerReply => await HeadOrDepartmentAsync(db, deadline.PartyDepartmentId, cancellationToken),
            DeadlineKind.Dispatch => await RequestPeople.CommissionerAsync(db, request, cancellationToken),
            _ when request.HandledByCommissioner || request.LeadDepartmentId is null => await RequestPeople.CommissionerAsync(db, request, cancellationToken),
            _ => await RequestPeople.LeadHandlersAsync(db, request, cancellationToken),
        },
        EscalationRecipient.Commissioner => await RequestPeople.CommissionerAsync(db, request, cancellationToken),
        EscalationRecipient.DepartmentHead => await RequestPeople.HeadAsync(
            db, deadline.Kind == DeadlineKind.CoHandlerReply ? deadline.PartyDepartmentId : request.LeadDepartmentId, cancellationToken),
        EscalationRecipient.Supervisors => await RequestPeople.SupervisorsAsync(db, cancellationToken),
        EscalationRecipient.Cadre => request.CadreUserId is { } cadre ? [cadre] : await RequestPeople.SupervisorsAsync(db, cancellationToken),
    };

    private static async Task<IReadOnlyCollection<string>> HeadOrDepartmentAsync(PortalDbContext db, int departmentId, CancellationToken cancellationToken)
    {
        var head = await RequestPeople.HeadAsync(db, departmentId, cancellationToken);
        return head.Count > 0 ? head : await RequestPeople.DepartmentAsync(db, departmentId, cancellationToken);
    }
}
