using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Calendar;

/// <summary>
/// The work calendar as stored: loads it (cached until the calendar's revision moves, on any node),
/// lets an admin change a day or import a year, and warns when next year is missing. Every change
/// is checked whole before anything is saved and tells the <see cref="ICalendarChangeListener"/>s in
/// the same save.
/// </summary>
public sealed class WorkCalendarService(
    IDbContextFactory<PortalDbContext> contextFactory,
    WorkCalendarCache cache,
    IEnumerable<ICalendarChangeListener> listeners,
    TimeProvider time,
    ILogger<WorkCalendarService> logger)
{
    /// <summary>The warning for a missing next year starts on this day of the year (1 November).</summary>
    public const int WarningMonth = 11;

    /// <summary>The calendar every deadline is counted with; one small query when the cached one is current.</summary>
    public async Task<WorkCalendar> GetCalendarAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await GetCalendarAsync(db, cancellationToken);
    }

    /// <summary>The same, read through a context the caller has open: a list page checks the revision on its own connection.</summary>
    public async Task<WorkCalendar> GetCalendarAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        var revision = await CurrentRevisionAsync(db, cancellationToken);
        if (cache.Get(revision) is { } cached)
        {
            return cached;
        }
        var years = await db.CalendarYears.AsNoTracking().Include(y => y.Entries).ToListAsync(cancellationToken);
        var calendar = CalendarYear.ToWorkCalendar(years, await WorkingPeriodsAsync(db, cancellationToken));
        cache.Store(revision, calendar);
        return calendar;
    }

    /// <summary>The years the calendar holds entries for, in order.</summary>
    public async Task<IReadOnlyList<int>> GetYearsAsync(CancellationToken cancellationToken = default) =>
        [.. (await GetCalendarAsync(cancellationToken)).Years.Order()];

    /// <summary>A year's entries with their names and notice; null for a year without entries.</summary>
    public async Task<CalendarYearEntries?> GetYearAsync(int year, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.CalendarYears.AsNoTracking().Include(y => y.Entries)
            .SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        return stored is null || stored.Entries.Count == 0
            ? null
            : new CalendarYearEntries(stored.Year, stored.Notice,
                [.. stored.Entries.OrderBy(e => e.Date).Select(e => new CalendarDayEntry(e.Date, e.Kind, e.Name))]);
    }

    /// <summary>Makes a day a day off or a make-up working day (replacing what it was), with an optional holiday name.</summary>
    public Task<CalendarChangeResult> MarkDayAsync(DateOnly day, CalendarEntryKind kind, string? name, string changedBy, CancellationToken cancellationToken = default)
    {
        List<CalendarError> errors = [];
        if (!CalendarYear.IsWithinRange(day.Year))
        {
            errors.Add(new(null, CalendarProblem.YearOutOfRange, day.Year.ToString(CultureInfo.InvariantCulture)));
        }
        else if (kind == CalendarEntryKind.MakeUpWorkingDay && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            errors.Add(new(null, CalendarProblem.MakeUpDayNotOnWeekend, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (name?.Trim().Length > CalendarEntry.NameMaxLength)
        {
            errors.Add(new(null, CalendarProblem.NameTooLong, CalendarEntry.NameMaxLength.ToString(CultureInfo.InvariantCulture)));
        }
        if (errors.Count > 0)
        {
            return Task.FromResult(new CalendarChangeResult(errors));
        }

        return ChangeAsync(changedBy, years =>
        {
            var year = years.Find(y => y.Year == day.Year);
            if (year is null)
            {
                year = new CalendarYear(day.Year);
                years.Add(year);
            }
            year.Mark(day, kind, name);
        }, cancellationToken);
    }

    /// <summary>Removes a day's entry: it is then worked on a weekday and off at a weekend. A day without one is left as it is.</summary>
    public Task<CalendarChangeResult> ClearDayAsync(DateOnly day, string changedBy, CancellationToken cancellationToken = default) =>
        ChangeAsync(changedBy, years => years.Find(y => y.Year == day.Year)?.Clear(day), cancellationToken);

    /// <summary>
    /// Imports one year from a JSON or CSV file, replacing the year's entries: all of it, or — when
    /// any line is wrong — none of it, with every problem and its line.
    /// </summary>
    public async Task<CalendarImportResult> ImportAsync(string text, CalendarFileFormat format, string importedBy, CancellationToken cancellationToken = default)
    {
        var file = CalendarFile.Parse(text, format);
        if (!file.IsValid)
        {
            return CalendarImportResult.Refused(file.Errors, file.Year);
        }
        var year = file.Year!.Value;
        var replaced = false;
        var saved = await ChangeAsync(importedBy, years =>
        {
            var stored = years.Find(y => y.Year == year);
            replaced = stored is { Entries.Count: > 0 };
            if (stored is null)
            {
                stored = new CalendarYear(year);
                years.Add(stored);
            }
            stored.ReplaceEntries(file.Notice, file.Entries.Select(e => (e.Date, e.Kind, e.Name)));
        }, cancellationToken);
        if (!saved.Succeeded)
        {
            return CalendarImportResult.Refused(saved.Errors, year);
        }
        logger.LogInformation("Calendar year {Year} imported by {User}: {Entries} entries", year, importedBy, file.Entries.Count);
        return new CalendarImportResult(year,
            file.Entries.Count(e => e.Kind == CalendarEntryKind.DayOff),
            file.Entries.Count(e => e.Kind == CalendarEntryKind.MakeUpWorkingDay),
            replaced, []);
    }

    /// <summary>
    /// From 1 November (China Standard Time), next year when the calendar holds no entries for it;
    /// otherwise null. Admins are warned on their home page.
    /// </summary>
    public async Task<int?> FindMissingNextYearAsync(CancellationToken cancellationToken = default)
    {
        var today = time.GetUtcNow().ToOffset(WorkCalendar.Offset);
        if (today.Month < WarningMonth)
        {
            return null;
        }
        var next = today.Year + 1;
        return (await GetCalendarAsync(cancellationToken)).Years.Contains(next) ? null : next;
    }

    /// <summary>
    /// Loads every year (a few dozen rows each), applies the change, drops years left without
    /// entries, lets the listeners add to the same save, and saves it with the next revision.
    /// </summary>
    private async Task<CalendarChangeResult> ChangeAsync(string changedBy, Action<List<CalendarYear>> change, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var revision = await db.CalendarRevisions.SingleOrDefaultAsync(r => r.Id == CalendarRevision.SingletonId, cancellationToken);
        var firstRevision = revision is null;
        if (revision is null)
        {
            revision = new CalendarRevision(now);
            db.CalendarRevisions.Add(revision);
        }
        var years = await db.CalendarYears.Include(y => y.Entries).ToListAsync(cancellationToken);
        var periods = await WorkingPeriodsAsync(db, cancellationToken);
        var before = CalendarYear.ToWorkCalendar(years, periods);

        var known = years.ToHashSet();
        change(years);
        foreach (var year in years)
        {
            if (year.Entries.Count == 0)
            {
                if (known.Contains(year))
                {
                    db.CalendarYears.Remove(year);
                }
            }
            else if (!known.Contains(year))
            {
                db.CalendarYears.Add(year);
            }
        }
        var after = CalendarYear.ToWorkCalendar(years, periods);
        revision.Advance(now);

        foreach (var listener in listeners)
        {
            await listener.CalendarChangingAsync(new CalendarChange(db, before, after, changedBy, now), cancellationToken);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e) || firstRevision)
        {
            // Another admin's change was saved first (or, on a calendar never changed, created the revision row),
            // or a request whose deadlines it recounted was acted on meanwhile.
            logger.LogWarning(e, "Calendar change by {User} lost a race with another change; nothing saved", changedBy);
            return new CalendarChangeResult([new CalendarError(null, CalendarProblem.ChangedConcurrently)]);
        }
        cache.Store(revision.Number, after);
        return CalendarChangeResult.Success;
    }

    internal static async Task<long> CurrentRevisionAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.CalendarRevisions.Where(r => r.Id == CalendarRevision.SingletonId)
            .Select(r => (long?)r.Number).SingleOrDefaultAsync(cancellationToken) ?? 0;

    private static async Task<List<WorkingPeriod>?> WorkingPeriodsAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var periods = await db.WorkingPeriods.AsNoTracking().ToListAsync(cancellationToken);
        return periods.Count == 0 ? null : [.. periods.OrderBy(p => p.Start)];
    }
}
