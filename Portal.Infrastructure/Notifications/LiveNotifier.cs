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
    private readonly LiveTopics _users = new(logger);

    public void Publish(IEnumerable<string> userIds) => _users.Publish(userIds);

    public IDisposable Subscribe(string userId, Func<Task> changed) => _users.Subscribe(userId, changed);
}
