using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// Handlers by topic within one web node: what the live bell (a user id) and live request pages (a request number)
/// are told through. A handler that fails is logged and does not stop the others, nor whoever published.
/// </summary>
internal sealed class LiveTopics(ILogger logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<Task>>> _subscribers = new();

    public void Publish(IEnumerable<string> topics)
    {
        foreach (var topic in topics.Distinct())
        {
            if (!_subscribers.TryGetValue(topic, out var handlers))
            {
                continue;
            }
            foreach (var handler in handlers.Values)
            {
                _ = NotifyAsync(topic, handler);
            }
        }
    }

    public IDisposable Subscribe(string topic, Func<Task> changed)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(topic, _ => new()).TryAdd(id, changed);
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(topic, out var handlers))
            {
                handlers.TryRemove(id, out _);
            }
        });
    }

    private async Task NotifyAsync(string topic, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (Exception e)
        {
            // A page that went away mid-update must not stop the others, nor the action that published.
            logger.LogDebug(e, "A live update handler for {Topic} failed", topic);
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private Action? _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}
