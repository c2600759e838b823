using Microsoft.EntityFrameworkCore;
using Portal.Domain.Notifications;
using Portal.Domain.Registration;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// One notice as the list shows it: of a request event (<see cref="Action"/> set), or of a registration's
/// step (<see cref="Registration"/> set; then <see cref="RequestTitle"/> is the enterprise's name and the number is empty).
/// </summary>
public sealed record NotificationItem(
    long Id, string RequestNumber, string RequestTitle, RequestAction? Action, DateTimeOffset At, bool Read, RegistrationStep? Registration = null);

/// <summary>A page of the inbox, newest first; <see cref="NextAfterId"/> asks for the next, null on the last.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, long? NextAfterId);

/// <summary>One kind of event a user can be told of, and whether it also comes by e-mail.</summary>
public sealed record NotificationChoice(RequestAction Action, bool ByEmail, bool AlwaysByEmail);

/// <summary>
/// A user's notifications in the portal (the bell and its list) and their e-mail preferences. Every
/// method takes the signed-in user's id and touches only that user's rows.
/// </summary>
public sealed class NotificationInbox(IDbContextFactory<PortalDbContext> contexts, ILiveNotifier live, TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>The bell counts no further: it shows "99+" beyond, and the header is on every page.</summary>
    public const int BellCountLimit = 100;

    /// <summary>
    /// How many of the user's notifications are unread, counted up to <paramref name="limit"/>: a user who has let
    /// thousands pile up would otherwise have every page count them all.
    /// </summary>
    public async Task<int> UnreadCountAsync(string userId, int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unread = db.PortalNotifications.Where(n => n.UserId == userId && n.ReadAt == null);
        return limit == int.MaxValue
            ? await unread.CountAsync(cancellationToken)
            : await unread.OrderBy(n => n.ReadAt).Take(limit).CountAsync(cancellationToken);
    }

    public async Task<NotificationPage> ListAsync(
        string userId, long? afterId = null, bool unreadOnly = false, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.PortalNotifications.Where(n => n.UserId == userId);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }
        if (afterId is { } after)
        {
            query = query.Where(n => n.Id < after);
        }
        var rows = await query.OrderByDescending(n => n.Id).Take(pageSize + 1)
            .Select(n => new NotificationItem(
                n.Id, n.RequestNumber, n.Registration != null ? n.Registration.EnterpriseName : n.RequestTitle,
                n.Action, n.CreatedAt, n.ReadAt != null, n.RegistrationStep))
            .ToListAsync(cancellationToken);
        return rows.Count > pageSize ? new(rows[..pageSize], rows[pageSize - 1].Id) : new(rows, null);
    }

    /// <summary>Marks one of the user's notifications read; false when they have none by that id.</summary>
    public async Task<bool> MarkReadAsync(string userId, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notification = await db.PortalNotifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is null)
        {
            return false;
        }
        if (notification.ReadAt is null)
        {
            notification.MarkRead(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            live.Publish([userId]);
        }
        return true;
    }

    /// <summary>Marks every notice of one request read, as opening the request does.</summary>
    public Task<int> MarkRequestReadAsync(string userId, string number, CancellationToken cancellationToken = default) =>
        MarkReadWhereAsync(userId, n => n.RequestNumber == number, cancellationToken);

    public Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken = default) =>
        MarkReadWhereAsync(userId, _ => true, cancellationToken);

    /// <summary>The events this user's role can be told of, each with their choice (e-mail by default).</summary>
    public async Task<IReadOnlyList<NotificationChoice>> ChoicesAsync(string userId, string role, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var portalOnly = await db.NotificationPreferences.Where(p => p.UserId == userId && !p.ByEmail).Select(p => p.Action).ToListAsync(cancellationToken);
        return [.. RequestNotifications.ToldTo(role).Select(action => new NotificationChoice(
            action,
            RequestNotifications.AlwaysByEmail.Contains(action) || !portalOnly.Contains(action),
            RequestNotifications.AlwaysByEmail.Contains(action)))];
    }

    /// <summary>Saves the user's choices; an event that always comes by e-mail keeps doing so.</summary>
    public async Task SaveChoicesAsync(string userId, IReadOnlyDictionary<RequestAction, bool> byEmail, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.NotificationPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Action, cancellationToken);
        foreach (var (action, email) in byEmail)
        {
            var value = email || RequestNotifications.AlwaysByEmail.Contains(action);
            if (stored.TryGetValue(action, out var preference))
            {
                preference.ByEmail = value;
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference(userId, action, value));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Remembers the language the user chose, which their e-mail is written in.</summary>
    public async Task SetLanguageAsync(string userId, string culture, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture), cancellationToken);
    }

    private async Task<int> MarkReadWhereAsync(
        string userId, System.Linq.Expressions.Expression<Func<PortalNotification, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var marked = await db.PortalNotifications.Where(n => n.UserId == userId && n.ReadAt == null).Where(which)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (marked > 0)
        {
            live.Publish([userId]);
        }
        return marked;
    }
}
