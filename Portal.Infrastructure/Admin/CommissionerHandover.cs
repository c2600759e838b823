using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Admin;

/// <summary>
/// Moves requests to another commissioner, as the portal (改派 by <see cref="Actor.System"/>): each request gets a
/// timeline entry and its notification to the new commissioner, added to the caller's context so they are saved with
/// the change that caused them (a commissioner deactivated, an enterprise given another commissioner) and its audit
/// entry, in one transaction. The caller sends <see cref="RequestEventNotifier.AfterCommit"/> once that has committed.
/// </summary>
public sealed class CommissionerHandover(IServiceScopeFactory scopes, RequestEventNotifier notifier, TimeProvider time)
{
    /// <summary>
    /// The states a request moves in: those the lifecycle lets the portal reassign, every state but closed and
    /// withdrawn (待受理, 已派单, 办理中, 待补充, 已答复, 甄别): see docs/admin.md.
    /// </summary>
    public static IReadOnlyList<RequestState> Movable { get; } =
        [.. RequestLifecycle.Rules.Where(r => r.Action == RequestAction.Reassign).Select(r => r.From).Distinct()];

    /// <summary>
    /// Reassigns every request of <paramref name="which"/> that is in a <see cref="Movable"/> state and not already
    /// <paramref name="toUserId"/>'s. Returns the numbers moved and what to send after the commit (null when none moved).
    /// Nothing is saved here.
    /// </summary>
    public async Task<(IReadOnlyList<string> Numbers, NotificationsToSend? Told)> MoveAsync(
        PortalDbContext db, IQueryable<ServiceRequest> which, string toUserId, CancellationToken cancellationToken)
    {
        var movable = Movable.ToArray();
        var requests = await which.Where(r => movable.Contains(r.State) && (r.CommissionerUserId == null || r.CommissionerUserId != toUserId))
            .Include(r => r.Timeline).Include(r => r.Deadlines).Include(r => r.CoHandlers).AsSplitQuery()
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        if (requests.Count == 0)
        {
            return ([], null);
        }
        Portal.Domain.Calendar.WorkCalendar calendar;
        await using (var scope = scopes.CreateAsyncScope())
        {
            calendar = await scope.ServiceProvider.GetRequiredService<WorkCalendarService>().GetCalendarAsync(cancellationToken);
        }
        var now = time.GetUtcNow();
        NotificationsToSend? told = null;
        foreach (var request in requests)
        {
            var before = request.Timeline.Count;
            request.Reassign(Actor.System, toUserId, calendar, now);
            var sent = await notifier.AddAsync(db, request, [.. request.Timeline.Where(e => e.Sequence > before)], cancellationToken);
            told = told is null ? sent : told.And(sent);
        }
        return ([.. requests.Select(r => r.Number)], told);
    }
}
