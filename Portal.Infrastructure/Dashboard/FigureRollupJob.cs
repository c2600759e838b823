using System.Data;
using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Jobs;

namespace Portal.Infrastructure.Dashboard;

/// <summary>One rollup run at a time on this node.</summary>
public sealed class FigureRollupGate : RunGate;

/// <summary>
/// Keeps the figures' rollup (decision 019), every minute: rolls up again the days marked since the last run, or, when the
/// rollup was never built or the calendar changed since (the working hours of every met deadline may have moved), every
/// day. One transaction on one snapshot: the marks it read are deleted, marks made meanwhile stay for the next run. A run
/// claims the rollup's row first, so a run on another node at the same time waits for it and then gives way.
/// </summary>
public sealed class FigureRollupJob(
    IDbContextFactory<PortalDbContext> contexts, WorkCalendarService calendars, FigureRollupGate gate, TimeProvider time, ILogger<FigureRollupJob> logger)
{
    public const string RecurringJobId = "figure-rollup";

    /// <returns>How many days this run rolled up; 0 when there was nothing to do or another run was at it.</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var lease = gate.TryEnter();
        if (lease is null)
        {
            logger.LogDebug("A figure rollup is still running on this node; this tick's run does nothing");
            return 0;
        }
        try
        {
            return await RollUpAsync(cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsSerializationFailure(e) || e is DbUpdateException update && DatabaseErrors.IsUniqueViolation(update))
        {
            logger.LogInformation("Another node rolled up the figures at the same time; this run gave way");
            return 0;
        }
    }

    private async Task<int> RollUpAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        if (await db.FigureRollups.Where(s => s.Id == FigureRollupState.SingletonId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedAt, now), cancellationToken) == 0)
        {
            db.FigureRollups.Add(new FigureRollupState(now));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        var revision = await WorkCalendarService.CurrentRevisionAsync(db, cancellationToken);
        var calendar = await calendars.GetCalendarAsync(db, cancellationToken);
        var builtWith = await db.FigureRollups.Where(s => s.Id == FigureRollupState.SingletonId).Select(s => s.CalendarRevision).SingleAsync(cancellationToken);
        var marks = await db.FigureDirtyDays.Select(m => new { m.Id, m.Day }).ToListAsync(cancellationToken);
        List<DateOnly> days;
        if (builtWith == revision)
        {
            days = [.. marks.Select(m => m.Day).Distinct()];
            foreach (var chunk in marks.Select(m => m.Id).Chunk(500))
            {
                await db.FigureDirtyDays.Where(m => chunk.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            }
        }
        else
        {
            await db.FigureDeadlineDays.ExecuteDeleteAsync(cancellationToken);
            await db.FigureEventDays.ExecuteDeleteAsync(cancellationToken);
            await db.FigureDisputeDays.ExecuteDeleteAsync(cancellationToken);
            await db.FigureReceivedDays.ExecuteDeleteAsync(cancellationToken);
            await db.FigureDirtyDays.ExecuteDeleteAsync(cancellationToken);
            days = await FigureRollup.AllDaysAsync(db, cancellationToken);
        }
        await FigureRollup.RollUpAsync(db, days, now, calendar, cancellationToken);
        await db.FigureRollups.Where(s => s.Id == FigureRollupState.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CalendarRevision, revision).SetProperty(r => r.BuiltAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (days.Count > 0)
        {
            logger.LogInformation("Figure rollup: {Days} days rolled up ({How}) in {Elapsed} ms",
                days.Count, builtWith == revision ? "marked" : "all, built anew", clock.ElapsedMilliseconds);
        }
        return days.Count;
    }
}
