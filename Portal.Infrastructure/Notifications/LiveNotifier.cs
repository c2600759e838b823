using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// Tells the pages a user has open that their notifications changed, so the bell updates live.
/// The one way live updates travel: in-process now; a cross-node implementation (PostgreSQL
/// LISTEN/NOTIFY) can replace it behind this interface.
/// </summary>
public interface ILiveNotifier
{
    /// <summary>After a commit: these users have new or changed notifications.</summary>
    void Publish(IEnumerable<string> userIds);

    /// <summary>Calls <paramref name="changed"/> whenever the user's notifications change, until disposed.</summary>
    IDisposable Subscribe(string userId, Func<Task> changed);
}

/// <summary>Live updates within one web node.</summary>
public sealed class InProcessLiveNotifier(ILogger<InProcessLiveNotifier> logger) : ILiveNotifier
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<Task>>> _subscribers = new();

    public void Publish(IEnumerable<string> userIds)
    {
        foreach (var userId in userIds.Distinct())
        {
            if (!_subscribers.TryGetValue(userId, out var handlers))
            {
                continue;
            }
            foreach (var handler in handlers.Values)
            {
                _ = NotifyAsync(userId, handler);
            }
        }
    }

    public IDisposable Subscribe(string userId, Func<Task> changed)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(userId, _ => new()).TryAdd(id, changed);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(userId, out var handlers))
            {
                handlers.TryRemove(id, out _);
            }
        });
    }

    private async Task NotifyAsync(string userId, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (Exception e)
        {
            // A page that went away mid-update must not stop the others, nor the action that published.
            logger.LogDebug(e, "A live notification handler for {UserId} failed", userId);
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
