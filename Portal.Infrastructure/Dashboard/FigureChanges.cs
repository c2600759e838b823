using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Dashboard;

/// <summary>
/// Marks, in the save that changes them, the days whose rolled-up figures a change makes wrong (decision 019): the day a
/// changed deadline is (or was) due, the day of a new event, the day a new request was submitted; and every day a request
/// touches when what is charged by its lead moves: its lead changed, or a dispute of its was reviewed.
/// </summary>
internal static class FigureChanges
{
    public static async Task MarkAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var (days, whole) = Collect(db);
        if (whole.Count > 0)
        {
            days.UnionWith((await Touched(db, whole).ToListAsync(cancellationToken)).Select(WorkCalendar.DayOf));
        }
        Add(db, days);
    }

    public static void Mark(PortalDbContext db)
    {
        var (days, whole) = Collect(db);
        if (whole.Count > 0)
        {
            days.UnionWith(Touched(db, whole).ToList().Select(WorkCalendar.DayOf));
        }
        Add(db, days);
    }

    private static (HashSet<DateOnly> Days, HashSet<long> WholeRequests) Collect(PortalDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var days = new HashSet<DateOnly>();
        var whole = new HashSet<long>();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            switch (entry.Entity)
            {
                case RequestDeadline when entry.State == EntityState.Modified && !entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(RequestDeadline.RecordedLevel)):
                    break; // the scan noted a level: nothing the rollup counts
                case RequestDeadline deadline:
                    days.Add(WorkCalendar.DayOf(deadline.DueAt));
                    if (entry.State == EntityState.Modified)
                    {
                        days.Add(WorkCalendar.DayOf((DateTimeOffset)entry.Property(nameof(RequestDeadline.DueAt)).OriginalValue!));
                    }
                    break;
                case RequestEvent e:
                    days.Add(WorkCalendar.DayOf(e.At));
                    if (e.Action == RequestAction.ReviewDispute && entry.Property("RequestId").CurrentValue is long reviewed)
                    {
                        whole.Add(reviewed);
                    }
                    break;
                case ServiceRequest request when entry.State == EntityState.Added:
                    days.Add(WorkCalendar.DayOf(request.SubmittedAt));
                    break;
                case ServiceRequest request when entry.State == EntityState.Deleted || LeadChanged(entry):
                    days.Add(WorkCalendar.DayOf(request.SubmittedAt));
                    whole.Add(request.Id);
                    break;
            }
        }
        return (days, whole);
    }

    private static bool LeadChanged(EntityEntry entry)
    {
        var lead = entry.Property(nameof(ServiceRequest.LeadDepartmentId));
        return lead.IsModified && !Equals(lead.OriginalValue, lead.CurrentValue);
    }

    /// <summary>
    /// The instants of the stored events of the requests: the days their lead's events and disputes count on (a deadline
    /// is charged to its own department, which only its own change moves).
    /// </summary>
    private static IQueryable<DateTimeOffset> Touched(PortalDbContext db, HashSet<long> requests) =>
        db.Set<RequestEvent>().Where(e => requests.Contains(EF.Property<long>(e, "RequestId"))).Select(e => e.At).Distinct();

    private static void Add(PortalDbContext db, HashSet<DateOnly> days)
    {
        foreach (var day in days)
        {
            db.FigureDirtyDays.Add(new FigureDirtyDay(day));
        }
    }
}
