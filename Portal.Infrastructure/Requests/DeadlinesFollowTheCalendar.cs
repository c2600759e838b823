using Microsoft.EntityFrameworkCore;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// A calendar change counts again the deadlines of every request still on the clock, in the same
/// save as the change, and notes it on the timelines of those whose deadlines moved (DESIGN.md §4).
/// </summary>
public sealed class DeadlinesFollowTheCalendar : ICalendarChangeListener
{
    private static readonly RequestState[] OnTheClock =
        [.. RequestLifecycle.Rules.Where(r => r.Action == RequestAction.RecountDeadlines).Select(r => r.From)];

    public async Task CalendarChangingAsync(CalendarChange change, CancellationToken cancellationToken)
    {
        var requests = await change.Db.ServiceRequests
            .Where(r => OnTheClock.Contains(r.State))
            .Include(r => r.Timeline).Include(r => r.Deadlines)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        foreach (var request in requests)
        {
            request.RecountDeadlines(change.After, change.At);
        }
    }
}
