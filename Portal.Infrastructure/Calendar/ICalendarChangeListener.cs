using Portal.Domain.Calendar;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Calendar;

/// <summary>
/// Told of every change to the calendar before it is saved, in the same unit of work, so that what
/// it adds to <see cref="CalendarChange.Db"/> is saved with the change or not at all.
/// [Lifecycle] implements it to recompute the deadlines of open requests with
/// <see cref="CalendarChange.After"/> and to note the change on their timelines (DESIGN.md §4).
/// Registered listeners are resolved from the container as <c>IEnumerable&lt;ICalendarChangeListener&gt;</c>.
/// </summary>
public interface ICalendarChangeListener
{
    Task CalendarChangingAsync(CalendarChange change, CancellationToken cancellationToken);
}

/// <param name="Db">The context the change is being saved through; add to it, do not save it.</param>
/// <param name="Before">The calendar as it was.</param>
/// <param name="After">The calendar as it will be once saved.</param>
/// <param name="ChangedBy">The user id of the admin who made the change.</param>
/// <param name="At">When the change was made.</param>
public sealed record CalendarChange(PortalDbContext Db, WorkCalendar Before, WorkCalendar After, string ChangedBy, DateTimeOffset At);
