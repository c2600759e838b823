using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Closes resolved requests whose evaluation window (评价期限) ran out, counted as not rated
/// (DESIGN.md §4), each in its own save with its notifications. Safe to run twice: a closed request is
/// no longer resolved, and a request someone rated or another run closed meanwhile loses the race and is left alone.
/// </summary>
public sealed class AutoCloseJob(
    IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, RequestEventNotifier notifier, TimeProvider time,
    ILogger<AutoCloseJob> logger)
{
    public const string RecurringJobId = "auto-close";

    /// <returns>How many requests this run closed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.ServiceRequests
                .Where(r => r.State == RequestState.Resolved
                    && r.Deadlines.Any(d => d.Kind == DeadlineKind.Evaluation && d.Status == DeadlineStatus.Open && d.DueAt < now))
                .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        }
        var closed = 0;
        foreach (var id in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var request = await db.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines).Include(r => r.CoHandlers)
                .AsSplitQuery().SingleAsync(r => r.Id == id, cancellationToken);
            // Another run (a minute's run can outlast the minute) may have closed it meanwhile: the split query can read
            // the request before that run's save and its deadlines after, so the window's state is checked as well.
            if (request.State != RequestState.Resolved || request.RunningEvaluationWindow() is null)
            {
                continue;
            }
            var before = request.Timeline.Count;
            request.AutoClose(calendar, now);
            var notifications = await notifier.AddAsync(db, request, [.. request.Timeline.Where(e => e.Sequence > before)], cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
            {
                logger.LogInformation("Request {Number} changed while being auto-closed; left as it is", request.Number);
                continue;
            }
            notifier.AfterCommit(notifications);
            closed++;
        }
        return closed;
    }
}
