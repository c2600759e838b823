using Portal.Domain.Calendar;

namespace Portal.Infrastructure.Calendar;

/// <summary>The last calendar this process loaded, with the revision it was loaded at. A singleton.</summary>
public sealed class WorkCalendarCache
{
    private sealed record Entry(long Revision, WorkCalendar Calendar);

    private Entry? _entry;

    public WorkCalendar? Get(long revision) => Volatile.Read(ref _entry) is { } entry && entry.Revision == revision ? entry.Calendar : null;

    /// <summary>Keeps the calendar unless a later revision is already kept.</summary>
    public void Store(long revision, WorkCalendar calendar)
    {
        var next = new Entry(revision, calendar);
        while (true)
        {
            var current = Volatile.Read(ref _entry);
            if (current is not null && current.Revision > revision)
            {
                return;
            }
            if (Interlocked.CompareExchange(ref _entry, next, current) == current)
            {
                return;
            }
        }
    }
}
