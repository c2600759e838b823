using System.Diagnostics;
using System.Globalization;
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
/// reached a level not yet recorded and, for a batch of requests at a time in one transaction, records each
/// level (unique per request, kind, party, generation and level), tells the people of the highest new level in
/// the portal and by e-mail through the outbox, and for a severely overdue deadline writes the portal's own 督办
/// on the timeline. A run that dies, or two servers scanning at once, double nothing: the unique key refuses the
/// second row and that transaction rolls back whole. A batch that fails so (or in any other way) is done again
/// one request per transaction, so one request's trouble never holds back the others.
/// </summary>
public sealed class EscalationJob(
    IDbContextFactory<PortalDbContext> contexts,
    WorkCalendarService calendars,
    EscalationSettingsService settings,
    IOptions<EscalationOptions> options,
    RequestEventNotifier notifier,
    Outbox outbox,
    EscalationScanGate gate,
    TimeProvider time,
    ILogger<EscalationJob> logger)
{
    public const string RecurringJobId = "escalation-scan";

    /// <summary>Every 15 seconds (Hangfire reads a sixth, leading field as seconds): a level is seen within a minute.</summary>
    public const string Cron = "*/15 * * * * *";

    /// <summary>The Hangfire queue of the recurring scan, served by a worker of its own on every node that runs jobs.</summary>
    public const string Queue = "escalation";

    /// <summary>Outbox ids handed to delivery together: one delivery job per this many e-mails, not one per request.</summary>
    private const int DeliveryChunk = 200;

    /// <summary>A running deadline and the highest level recorded for it (on time for none).</summary>
    private sealed record Candidate(long RequestId, RequestDeadline Deadline, EscalationLevel Recorded);

    /// <summary>What every batch of one round works with: the scan's rules, its people, its instant, and where its e-mail goes.</summary>
    private sealed record Round(EscalationPolicy Policy, WorkCalendar Calendar, EscalationDirectory Directory, DateTimeOffset Now, DeliveryQueue Delivery);

    /// <summary>A level newly recorded for a deadline of a request, with the people it tells.</summary>
    private sealed record Reached(ServiceRequest Request, RequestDeadline Deadline, RequestEscalation Escalation, IReadOnlyCollection<string> People);

    /// <returns>How many escalation levels this run recorded.</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        using var lease = gate.TryEnter();
        if (lease is null)
        {
            // The scan of an earlier tick is still at work on this node: it selects again after each round, so
            // whatever became due meanwhile is its to do.
            logger.LogDebug("An escalation scan is still running on this node; this tick's scan does nothing");
            return 0;
        }
        var policy = await settings.PolicyAsync(cancellationToken);
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        EscalationDirectory directory;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            directory = await EscalationDirectory.LoadAsync(db, cancellationToken);
        }
        var batchSize = options.Value.BatchSize;
        var perTransaction = options.Value.RequestsPerTransaction;
        var attempted = new HashSet<long>();
        var recorded = 0;
        var delivery = new DeliveryQueue(outbox);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                var started = Stopwatch.GetTimestamp();
                var due = (await DueRequestsAsync(policy, calendar, now, cancellationToken))
                    .Where(id => !attempted.Contains(id)).Take(batchSize).ToList();
                var selected = Stopwatch.GetElapsedTime(started);
                attempted.UnionWith(due);
                var before = recorded;
                var round = new Round(policy, calendar, directory, now, delivery);
                await Parallel.ForEachAsync(
                    due.Chunk(perTransaction),
                    new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
                    async (batch, token) => Interlocked.Add(ref recorded, await EscalateBatchAsync(batch, round, token)));
                delivery.Flush(all: true);
                if (due.Count > 0)
                {
                    logger.LogInformation("Escalation round: {Requests} requests selected in {Selected} ms, {Levels} levels recorded in {Escalated} ms",
                        due.Count, (int)selected.TotalMilliseconds, recorded - before, (int)(Stopwatch.GetElapsedTime(started) - selected).TotalMilliseconds);
                }
                if (due.Count < batchSize)
                {
                    return recorded;
                }
            }
        }
        finally
        {
            // Even a scan cancelled midway hands over the e-mail of what it committed (the sweep would anyway).
            delivery.Flush(all: true);
        }
    }

    /// <summary>
    /// The requests with a running deadline at a level higher than any recorded for it, oldest first. The database
    /// leaves out the deadlines that cannot have a level to record whatever the calendar says: those severely overdue
    /// already, and those not yet due whose warning is recorded (before its due time a deadline is at most at the
    /// warning); and it gives the highest level recorded with each. The levels are then worked out here.
    /// </summary>
    public async Task<List<long>> DueRequestsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await DueRequestsAsync(await settings.PolicyAsync(cancellationToken), await calendars.GetCalendarAsync(cancellationToken), now, cancellationToken);

    private async Task<List<long>> DueRequestsAsync(EscalationPolicy policy, WorkCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await CandidatesAsync(db, now, cancellationToken);
        return candidates
            .Where(c => policy.LevelOf(c.Deadline, calendar, now) > c.Recorded)
            .Select(c => c.RequestId)
            .Distinct()
            .Order()
            .ToList();
    }

    /// <summary>The running deadlines that may have a level to record at <paramref name="now"/>, each with the highest level recorded.</summary>
    private static Task<List<Candidate>> CandidatesAsync(PortalDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var escalations = db.Escalations;
        return db.Set<RequestDeadline>().AsNoTracking()
            .Where(d => d.Status == DeadlineStatus.Open && d.Kind != DeadlineKind.Evaluation)
            .Select(d => new
            {
                RequestId = EF.Property<long>(d, "RequestId"),
                Deadline = d,
                Severe = escalations.Any(e => e.RequestId == EF.Property<long>(d, "RequestId") && e.Kind == d.Kind
                    && e.PartyDepartmentId == d.PartyDepartmentId && e.Generation == d.Generation && e.Level == EscalationLevel.SeverelyOverdue),
                Overdue = escalations.Any(e => e.RequestId == EF.Property<long>(d, "RequestId") && e.Kind == d.Kind
                    && e.PartyDepartmentId == d.PartyDepartmentId && e.Generation == d.Generation && e.Level == EscalationLevel.Overdue),
                Warning = escalations.Any(e => e.RequestId == EF.Property<long>(d, "RequestId") && e.Kind == d.Kind
                    && e.PartyDepartmentId == d.PartyDepartmentId && e.Generation == d.Generation && e.Level == EscalationLevel.Warning),
            })
            .Where(c => !c.Severe && (c.Deadline.DueAt < now || !c.Warning))
            .Select(c => new Candidate(
                c.RequestId,
                c.Deadline,
                c.Overdue ? EscalationLevel.Overdue : c.Warning ? EscalationLevel.Warning : EscalationLevel.OnTime))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Escalates the batch in one transaction; when that fails (a race lost to another scan or to someone acting on one
    /// of the requests, or any other trouble), escalates its requests again one per transaction, each as it stands now.
    /// </summary>
    private async Task<int> EscalateBatchAsync(long[] requestIds, Round round, CancellationToken cancellationToken)
    {
        if (requestIds.Length > 1)
        {
            try
            {
                return await EscalateAsync(requestIds, round, cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
            {
                logger.LogDebug("Escalation of a batch of {Count} requests from {RequestId} lost a race; escalating them one by one", requestIds.Length, requestIds[0]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Escalation of a batch of {Count} requests from {RequestId} failed; escalating them one by one", requestIds.Length, requestIds[0]);
            }
        }
        var recorded = 0;
        foreach (var requestId in requestIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                recorded += await EscalateAsync([requestId], round, cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
            {
                // Another scan recorded it first, or someone acted on the request meanwhile: the next scan looks again.
                logger.LogDebug("Escalation of request {RequestId} lost a race; left to the next scan", requestId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One request's trouble must not stop the others; the next scan tries it again.
                logger.LogError(e, "Escalating request {RequestId} failed", requestId);
            }
        }
        return recorded;
    }

    /// <summary>
    /// Escalates these requests in one context and transaction, read set-wise: the requests with their deadlines in one
    /// query, their recorded levels in another, the active people they tell in a third (when any is not in the directory);
    /// then every row is added and saved at once.
    /// </summary>
    private async Task<int> EscalateAsync(IReadOnlyCollection<long> requestIds, Round round, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Thousands of rows are added: their changes are detected once, before saving, rather than at each look.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The deadlines only: the timeline is read when a 督办 is to be written on it.
        var requests = await db.ServiceRequests.Include(r => r.Deadlines)
            .Where(r => requestIds.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        if (requests.Count == 0)
        {
            return 0;
        }
        var recorded = (await db.Escalations.Where(e => requestIds.Contains(e.RequestId))
                .Select(e => new { e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation, e.Level }).ToListAsync(cancellationToken))
            .Select(e => (e.RequestId, e.Kind, e.PartyDepartmentId, e.Generation, e.Level))
            .ToHashSet();

        var read = Stopwatch.GetElapsedTime(started);
        var reached = new List<Reached>();
        var added = 0;
        foreach (var request in requests)
        {
            foreach (var deadline in request.Deadlines.ToList())
            {
                var level = round.Policy.LevelOf(deadline, round.Calendar, round.Now);
                RequestEscalation? highestNew = null;
                // A deadline first seen late records the levels it passed too, but tells only of the highest:
                // its people include everyone the lower levels would have told.
                for (var l = EscalationLevel.Warning; l <= level; l++)
                {
                    if (recorded.Contains((request.Id, deadline.Kind, deadline.PartyDepartmentId, deadline.Generation, l)))
                    {
                        continue;
                    }
                    highestNew = new RequestEscalation(request.Id, deadline, l, round.Now);
                    db.Escalations.Add(highestNew);
                    added++;
                }
                if (highestNew is null)
                {
                    continue;
                }
                var people = new HashSet<string>();
                foreach (var part in EscalationPolicy.RecipientsOf(highestNew.Level))
                {
                    people.UnionWith(MembersOf(round.Directory, request, deadline, part));
                }
                reached.Add(new Reached(request, deadline, highestNew, people));
                if (highestNew.Level == EscalationLevel.SeverelyOverdue
                    && RequestLifecycle.Allows(request.State, RequestAction.Supervise, RequestLifecycle.System))
                {
                    var timeline = db.Entry(request).Collection(r => r.Timeline);
                    if (!timeline.IsLoaded)
                    {
                        await timeline.LoadAsync(cancellationToken);
                    }
                    request.Supervise(Actor.System, EscalationPolicy.SupervisionText(deadline.Kind), round.Calendar, round.Now);
                }
            }
        }
        if (added == 0)
        {
            return 0;
        }

        // The people of the whole batch at once: the directory knows nearly all; whoever it does not is read in one query.
        var active = (await round.Directory.ActiveAsync(db, reached.SelectMany(r => r.People).ToHashSet(), cancellationToken))
            .ToDictionary(p => p.Id);
        var outboxIds = new List<Guid>();
        var told = new HashSet<string>();
        foreach (var one in reached)
        {
            Tell(db, one, [.. one.People.Where(active.ContainsKey).Select(id => active[id])], round.Calendar, outboxIds, told);
        }
        db.ChangeTracker.DetectChanges();
        var composed = Stopwatch.GetElapsedTime(started);
        await SaveAsync(db, cancellationToken);
        var saved = Stopwatch.GetElapsedTime(started);
        await transaction.CommitAsync(cancellationToken);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug("Escalation batch of {Requests} requests: read in {Read} ms, {Rows} rows added by {Composed} ms, saved by {Saved} ms, committed by {Committed} ms",
                requests.Count, (int)read.TotalMilliseconds, db.ChangeTracker.Entries().Count(), (int)composed.TotalMilliseconds, (int)saved.TotalMilliseconds,
                (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        // The bells now; the e-mail goes to delivery in chunks of many requests' (see DeliveryQueue).
        // The pages showing these requests (their details, the battle map) follow the new levels too.
        notifier.AfterCommit(new NotificationsToSend([], told) { RequestNumbers = [.. reached.Select(r => r.Request.Number).Distinct()] });
        round.Delivery.Add(outboxIds);
        return added;
    }

    /// <summary>
    /// Saves the batch. On PostgreSQL the notices and e-mails, nearly all of its rows, are written with <c>COPY</c> after
    /// EF Core saved the rest (the levels, whose ids the notices name, and any 督办), in the same transaction: a lost race
    /// on a level still fails in <c>SaveChanges</c> as before, and a failed <c>COPY</c> fails the batch like any trouble.
    /// </summary>
    private static async Task SaveAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        var copied = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && e.Entity is PortalNotification or OutboxMessage)
            .ToList();
        var tables = copied.GroupBy(e => e.Metadata).Select(g => (Type: g.Key, Rows: g.Select(e => e.Entity).ToList())).ToList();
        foreach (var entry in copied)
        {
            entry.State = EntityState.Detached;
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (type, rows) in tables)
        {
            await PostgresCopy.WriteAsync(db, type, rows, cancellationToken);
        }
    }

    private void Tell(
        PortalDbContext db, Reached reached, IReadOnlyList<EscalationDirectory.Person> people, WorkCalendar calendar, List<Guid> outboxIds, HashSet<string> told)
    {
        var (request, deadline, escalation, _) = reached;
        var percent = (int)Math.Floor(deadline.FractionUsed(calendar, escalation.RecordedAt) * 100);
        var facts = new RequestEventFacts(request.Number, request.Title, RequestAction.Escalate, null, null, deadline);
        // What the escalation says is the same for everyone of a language: written once per language, not per person.
        var said = new Dictionary<string, string>();
        string TextIn(CultureInfo language)
        {
            if (!said.TryGetValue(language.Name, out var text))
            {
                text = NotificationText.Format($"Escalation.{escalation.Level}", language,
                    NotificationText.Deadline(deadline.Kind, language), percent, NotificationText.Instant(deadline.DueAt, language));
                said[language.Name] = text;
            }
            return text;
        }
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
            outboxIds.Add(notifier.AddEmail(db, facts, recipient, TextIn));
        }
    }

    private static IReadOnlyCollection<string> MembersOf(
        EscalationDirectory directory, ServiceRequest request, RequestDeadline deadline, EscalationRecipient part) => part switch
    {
        EscalationRecipient.MustAct => deadline.Kind switch
        {
            DeadlineKind.CoHandlerReply => directory.Head(deadline.PartyDepartmentId) is { Count: > 0 } head
                ? head
                : directory.Department(deadline.PartyDepartmentId),
            DeadlineKind.Dispatch => directory.Commissioner(request),
            _ when request.HandledByCommissioner || request.LeadDepartmentId is null => directory.Commissioner(request),
            _ => directory.LeadHandlers(request),
        },
        EscalationRecipient.Commissioner => directory.Commissioner(request),
        EscalationRecipient.DepartmentHead => directory.Head(deadline.Kind == DeadlineKind.CoHandlerReply ? deadline.PartyDepartmentId : request.LeadDepartmentId),
        EscalationRecipient.Supervisors => directory.Supervisors,
        EscalationRecipient.Cadre => request.CadreUserId is { } cadre ? [cadre] : directory.Supervisors,
    };

    /// <summary>
    /// The outbox ids of committed escalations, handed to delivery in chunks: one delivery job per
    /// <see cref="DeliveryChunk"/> e-mails rather than one per request, which would cost a job storage transaction each.
    /// What is never handed over (a crash) the outbox sweep delivers within 15 seconds.
    /// </summary>
    private sealed class DeliveryQueue(Outbox outbox)
    {
        private readonly Lock _lock = new();
        private List<Guid> _pending = [];

        public void Add(IReadOnlyCollection<Guid> ids)
        {
            lock (_lock)
            {
                _pending.AddRange(ids);
            }
            Flush(all: false);
        }

        public void Flush(bool all)
        {
            List<Guid> ready;
            lock (_lock)
            {
                if (_pending.Count == 0 || (!all && _pending.Count < DeliveryChunk))
                {
                    return;
                }
                ready = _pending;
                _pending = [];
            }
            foreach (var chunk in ready.Chunk(DeliveryChunk))
            {
                outbox.DeliverSoon(chunk);
            }
        }
    }
}
