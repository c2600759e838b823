using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Notifications;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Notifications;

/// <summary>What a unit of work told whom, and which requests it changed: delivered after its commit.</summary>
public sealed record NotificationsToSend(IReadOnlyList<Guid> OutboxIds, IReadOnlyCollection<string> UserIds)
{
    /// <summary>The numbers of the requests whose timeline grew, for the pages showing them.</summary>
    public IReadOnlyCollection<string> RequestNumbers { get; init; } = [];

    public static NotificationsToSend None { get; } = new([], []);

    /// <summary>What this and <paramref name="more"/> have to send, for one commit that told of several requests.</summary>
    public NotificationsToSend And(NotificationsToSend more) =>
        new([.. OutboxIds, .. more.OutboxIds], [.. UserIds, .. more.UserIds]) { RequestNumbers = [.. RequestNumbers, .. more.RequestNumbers] };
}

/// <summary>
/// Turns a request's new timeline entries into notices in the portal and e-mail in the outbox, in the
/// caller's unit of work (DESIGN.md §5): who is told comes from <see cref="RequestNotifications"/>,
/// by e-mail unless they chose the portal only for that event (supervision always by e-mail), in
/// their language. After the commit, <see cref="AfterCommit"/> hands the e-mail to delivery and
/// updates the bells.
/// </summary>
public sealed class RequestEventNotifier(
    Outbox outbox, RequestEmailComposer composer, ILiveNotifier live, IRequestChanges requestChanges, ILogger<RequestEventNotifier> logger)
{

    public async Task<NotificationsToSend> AddAsync(
        PortalDbContext db, ServiceRequest request, IReadOnlyList<RequestEvent> entries, CancellationToken cancellationToken)
    {
        var outboxIds = new List<Guid>();
        var told = new HashSet<string>();
        foreach (var entry in entries)
        {
            var recipients = await RecipientsAsync(db, request, entry, cancellationToken);
            if (recipients.Count == 0)
            {
                continue;
            }
            // Someone deactivated signs in no more: they are told nothing, as by an escalation.
            var people = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) && u.DeactivatedAt == null)
                .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredCulture, u.EnterpriseId })
                .ToListAsync(cancellationToken);
            var portalOnly = RequestNotifications.AlwaysByEmail.Contains(entry.Action)
                ? []
                : await db.NotificationPreferences.AsNoTracking()
                    .Where(p => recipients.Contains(p.UserId) && p.Action == entry.Action && !p.ByEmail)
                    .Select(p => p.UserId).ToListAsync(cancellationToken);
            var facts = new RequestEventFacts(
                request.Number, request.Title, entry.Action, entry.Text, await ActorNameAsync(db, entry, cancellationToken), null);
            foreach (var person in people)
            {
                db.PortalNotifications.Add(new PortalNotification(person.Id, request, entry));
                told.Add(person.Id);
                if (portalOnly.Contains(person.Id))
                {
                    continue;
                }
                var recipient = new NotificationRecipient(person.Id, person.Email, person.DisplayName, person.PreferredCulture ?? NotificationText.Languages[0]);
                outboxIds.Add(AddEmail(db, facts with { NextDeadline = NextDeadline(request, forEnterprise: person.EnterpriseId is not null) }, recipient));
            }
        }
        return new NotificationsToSend(outboxIds, told) { RequestNumbers = entries.Count > 0 ? [request.Number] : [] };
    }

    /// <summary>
    /// Composes the e-mail of <paramref name="facts"/> for one recipient, in their language, and adds it to the
    /// outbox without saving. <paramref name="textIn"/>, when given, writes what is said in that language. A
    /// message that cannot be composed is kept as a failed row with its error instead: the change is never refused.
    /// </summary>
    /// <returns>The outbox row's id.</returns>
    public Guid AddEmail(PortalDbContext db, RequestEventFacts facts, NotificationRecipient to, Func<CultureInfo, string>? textIn = null)
    {
        try
        {
            var said = textIn is null ? facts : facts with { Text = textIn(NotificationText.Language(to.Culture)) };
            return outbox.Add(db, composer.Compose(said, to));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Composing is pure: whatever fails here is a template or a value it lacks, never the change itself.
            return outbox.AddCompositionFailure(db, composer.Fallback(facts, to), e);
        }
    }

    /// <summary>Never throws: the change is saved; a failure here only delays what the sweep will deliver anyway.</summary>
    public void AfterCommit(NotificationsToSend sent)
    {
        outbox.DeliverSoon(sent.OutboxIds);
        try
        {
            live.Publish(sent.UserIds);
            requestChanges.Publish(sent.RequestNumbers);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Live notification of {Count} users failed", sent.UserIds.Count);
        }
    }

    private static async Task<List<string>> RecipientsAsync(PortalDbContext db, ServiceRequest request, RequestEvent entry, CancellationToken cancellationToken)
    {
        var users = new HashSet<string>();
        foreach (var audience in RequestNotifications.For(entry))
        {
            users.UnionWith(await MembersAsync(db, request, entry, audience, cancellationToken));
        }
        users.Remove(entry.ActorUserId);
        return [.. users];
    }

    private static async Task<IReadOnlyCollection<string>> MembersAsync(
        PortalDbContext db, ServiceRequest request, RequestEvent entry, Audience audience, CancellationToken cancellationToken) => audience switch
    {
        Audience.Enterprise => await db.Users.Where(u => u.EnterpriseId == request.EnterpriseId).Select(u => u.Id).ToListAsync(cancellationToken),
        Audience.Commissioner => await RequestPeople.CommissionerAsync(db, request, cancellationToken),
        Audience.Dispatcher => request.DispatchedByUserId is { } dispatcher
            ? [dispatcher]
            : await RequestPeople.CommissionerAsync(db, request, cancellationToken),
        Audience.Handler => request.HandledByCommissioner
            ? request.CommissionerUserId is { } direct ? [direct] : []
            : await RequestPeople.LeadHandlersAsync(db, request, cancellationToken),
        Audience.LeadHead => await RequestPeople.HeadAsync(db, request.LeadDepartmentId, cancellationToken),
        Audience.CoHandlingDepartment => await RequestPeople.DepartmentAsync(db, entry.DepartmentId, cancellationToken),
        Audience.Cadre => request.CadreUserId is { } cadre ? [cadre] : [],
        Audience.Supervisors => await RequestPeople.SupervisorsAsync(db, cancellationToken),
        Audience.TargetUser => entry.TargetUserId is { } target ? [target] : [],
    };

    private static async Task<string?> ActorNameAsync(PortalDbContext db, RequestEvent entry, CancellationToken cancellationToken) =>
        entry.ActorRole == RequestLifecycle.System
            ? null
            : await db.Users.Where(u => u.Id == entry.ActorUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The deadline the recipient waits on next: for staff the earliest running one; for the enterprise
    /// only what it was promised (the resolution) or asked for (its evaluation).
    /// </summary>
    private static RequestDeadline? NextDeadline(ServiceRequest request, bool forEnterprise) =>
        request.Deadlines
            .Where(d => d.Status == DeadlineStatus.Open)
            .Where(d => !forEnterprise || d.Kind is DeadlineKind.Resolve or DeadlineKind.Evaluation)
            .MinBy(d => d.DueAt);
}
