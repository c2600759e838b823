using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using static Portal.Infrastructure.Dashboard.DistrictFigures;

namespace Portal.Infrastructure.Dashboard;

/// <summary>
/// The figures' rollup (decision 019): for each district day and department, what <see cref="DistrictFigures"/> counts
/// of the ended sign and resolve deadlines due that day, of the events and disputed evaluations of that day and of the
/// requests submitted that day — counted by the very code that counts them live, one day at a time. A save that changes
/// what a day counts marks the day (<see cref="FigureChanges"/>); until <see cref="FigureRollupJob"/> rolls it up again,
/// the figures count it live, as they always count the running deadlines, whose standing moves with the clock alone.
/// </summary>
internal static class FigureRollup
{
    /// <summary>
    /// Whether the rollup can give the tallies from <paramref name="from"/> to <paramref name="to"/> split at
    /// <paramref name="split"/>: all three start a district day, and the rollup is built with the calendar as it is now.
    /// </summary>
    public static async Task<bool> ServesAsync(PortalDbContext db, DateTimeOffset from, DateTimeOffset split, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (!new[] { from, split, to }.All(instant => WorkCalendar.StartOfDay(WorkCalendar.DayOf(instant)) == instant))
        {
            return false;
        }
        var revision = await WorkCalendarService.CurrentRevisionAsync(db, cancellationToken);
        return await db.FigureRollups.AnyAsync(s => s.CalendarRevision == revision, cancellationToken);
    }

    /// <summary>The rolled-up tallies of the days from <paramref name="from"/> to <paramref name="to"/> that are not marked.</summary>
    public static async Task<Tallies> ReadAsync(
        PortalDbContext db, FigureFilter filter, DateTimeOffset from, DateTimeOffset split, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (first, middle, end) = (WorkCalendar.DayOf(from), WorkCalendar.DayOf(split), WorkCalendar.DayOf(to));
        var department = filter.DepartmentId;
        var marked = db.FigureDirtyDays.Select(m => m.Day);
        var deadlines = await db.FigureDeadlineDays
            .Where(r => r.Day >= first && r.Day < end && !marked.Contains(r.Day) && (department == null || r.DepartmentId == department))
            .GroupBy(r => new { r.Kind, Current = r.Day >= middle, r.DepartmentId })
            .Select(g => new
            {
                g.Key.Kind, g.Key.Current, g.Key.DepartmentId,
                Tally = new DeadlineTally(g.Sum(r => r.Counted), g.Sum(r => r.OnTime), 0, g.Sum(r => r.Met), g.Sum(r => r.MetTicks)),
            })
            .ToDictionaryAsync(t => (t.Kind, t.Current, t.DepartmentId), t => t.Tally, cancellationToken);
        var events = await db.FigureEventDays
            .Where(r => r.Day >= first && r.Day < end && !marked.Contains(r.Day) && (department == null || r.DepartmentId == department))
            .GroupBy(r => new { r.Action, Current = r.Day >= middle, r.DepartmentId })
            .Select(g => new
            {
                g.Key.Action, g.Key.Current, g.Key.DepartmentId,
                Tally = new EventTally(g.Sum(r => r.Count), g.Sum(r => r.Solved), g.Sum(r => r.Rated), g.Sum(r => r.Satisfied), g.Sum(r => r.Reopened)),
            })
            .ToDictionaryAsync(t => (t.Action, t.Current, t.DepartmentId), t => t.Tally, cancellationToken);
        var disputes = await db.FigureDisputeDays
            .Where(r => r.Day >= first && r.Day < end && !marked.Contains(r.Day) && (department == null || r.DepartmentId == department))
            .GroupBy(r => new { Current = r.Day >= middle, r.DepartmentId, r.Satisfied, r.Upheld })
            .Select(g => new { g.Key.Current, g.Key.DepartmentId, g.Key.Satisfied, g.Key.Upheld, Count = g.Sum(r => r.Count) })
            .ToDictionaryAsync(t => (t.Current, t.DepartmentId, t.Satisfied, t.Upheld), t => t.Count, cancellationToken);
        var received = await db.FigureReceivedDays
            .Where(r => r.Day >= first && r.Day < end && !marked.Contains(r.Day) && (department == null || r.DepartmentId == department))
            .GroupBy(r => new { Current = r.Day >= middle, r.DepartmentId })
            .Select(g => new { g.Key.Current, g.Key.DepartmentId, Count = g.Sum(r => r.Count) })
            .ToDictionaryAsync(t => (t.Current, t.DepartmentId), t => t.Count, cancellationToken);
        return new Tallies(deadlines, events, disputes, received);
    }

    /// <summary>The marked days from <paramref name="from"/> to <paramref name="to"/>, runs of consecutive days made one span.</summary>
    public static async Task<List<(DateTimeOffset Start, DateTimeOffset End)>> MarkedAsync(
        PortalDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (first, end) = (WorkCalendar.DayOf(from), WorkCalendar.DayOf(to));
        var days = await db.FigureDirtyDays.Where(m => m.Day >= first && m.Day < end).Select(m => m.Day).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var spans = new List<(DateOnly First, DateOnly Last)>();
        foreach (var day in days)
        {
            if (spans.Count > 0 && spans[^1].Last.AddDays(1) == day)
            {
                spans[^1] = (spans[^1].First, day);
            }
            else
            {
                spans.Add((day, day));
            }
        }
        return [.. spans.Select(s => (WorkCalendar.StartOfDay(s.First), WorkCalendar.StartOfDay(s.Last.AddDays(1))))];
    }

    /// <summary>Every day anything the figures count falls on: from the first submission, event or deadline to the last.</summary>
    public static async Task<List<DateOnly>> AllDaysAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        DateTimeOffset?[] bounds =
        [
            await db.ServiceRequests.MinAsync(r => (DateTimeOffset?)r.SubmittedAt, cancellationToken),
            await db.ServiceRequests.MaxAsync(r => (DateTimeOffset?)r.SubmittedAt, cancellationToken),
            await db.Set<RequestEvent>().MinAsync(e => (DateTimeOffset?)e.At, cancellationToken),
            await db.Set<RequestEvent>().MaxAsync(e => (DateTimeOffset?)e.At, cancellationToken),
            await db.Set<RequestDeadline>().MinAsync(d => (DateTimeOffset?)d.DueAt, cancellationToken),
            await db.Set<RequestDeadline>().MaxAsync(d => (DateTimeOffset?)d.DueAt, cancellationToken),
        ];
        var known = bounds.OfType<DateTimeOffset>().Select(WorkCalendar.DayOf).ToList();
        if (known.Count == 0)
        {
            return [];
        }
        var (first, last) = (known.Min(), known.Max());
        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)];
    }

    /// <summary>Writes the days' rows again (their old rows deleted first) as the live count gives them now.</summary>
    public static async Task RollUpAsync(
        PortalDbContext db, IEnumerable<DateOnly> days, DateTimeOffset now, WorkCalendar calendar, CancellationToken cancellationToken)
    {
        foreach (var chunk in days.Order().Chunk(100))
        {
            await db.FigureDeadlineDays.Where(r => chunk.Contains(r.Day)).ExecuteDeleteAsync(cancellationToken);
            await db.FigureEventDays.Where(r => chunk.Contains(r.Day)).ExecuteDeleteAsync(cancellationToken);
            await db.FigureDisputeDays.Where(r => chunk.Contains(r.Day)).ExecuteDeleteAsync(cancellationToken);
            await db.FigureReceivedDays.Where(r => chunk.Contains(r.Day)).ExecuteDeleteAsync(cancellationToken);
            foreach (var day in chunk)
            {
                var (start, end) = (WorkCalendar.StartOfDay(day), WorkCalendar.StartOfDay(day.AddDays(1)));
                var tallies = await LiveAsync(
                    db, FigureFilter.None, null, start, start, end, now, calendar, byDepartment: true, DeadlinesOf.Ended, eventsToo: true, cancellationToken);
                db.FigureDeadlineDays.AddRange(tallies.Deadlines.Select(t =>
                    new FigureDeadlineDay(day, t.Key.Kind, t.Key.Department, t.Value.Counted, t.Value.OnTime, t.Value.Met, t.Value.MetTicks)));
                db.FigureEventDays.AddRange(tallies.Events.Select(t =>
                    new FigureEventDay(day, t.Key.Action, t.Key.Department, t.Value.Count, t.Value.Solved, t.Value.Rated, t.Value.Satisfied, t.Value.Reopened)));
                db.FigureDisputeDays.AddRange(tallies.Disputes.Select(t => new FigureDisputeDay(day, t.Key.Department, t.Key.Satisfied, t.Key.Upheld, t.Value)));
                db.FigureReceivedDays.AddRange(tallies.Received.Select(t => new FigureReceivedDay(day, t.Key.Department, t.Value)));
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// A read of one consistent state of the database for the rollup, its marks and what is counted live beside them:
    /// repeatable read on PostgreSQL; on SQLite a deferred transaction, which takes no write lock until it writes.
    /// </summary>
    public static async Task<IAsyncDisposable> SnapshotAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        var transaction = sqlite.BeginTransaction(deferred: true);
        return new SqliteSnapshot(db, transaction, await db.Database.UseTransactionAsync(transaction, cancellationToken));
    }

    private sealed class SqliteSnapshot(PortalDbContext db, DbTransaction transaction, IDbContextTransaction? used) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (used is not null)
            {
                await used.DisposeAsync();
            }
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
