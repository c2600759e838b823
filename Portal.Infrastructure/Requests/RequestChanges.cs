using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Requests;

/// <summary>
/// Tells the pages showing a request that it changed (a timeline entry, a new state), after the change committed,
/// so they reload it live. The signal carries the number only: each page reloads through the services in its own
/// user's scope, so nobody sees more than they could by reloading. In-process now, like <see cref="ILiveNotifier"/>;
/// a cross-node implementation (PostgreSQL LISTEN/NOTIFY) can replace it behind this interface.
/// </summary>
public interface IRequestChanges
{
    /// <summary>After a commit: these requests changed.</summary>
    void Publish(IEnumerable<string> numbers);

    /// <summary>Calls <paramref name="changed"/> whenever the request changes, until disposed.</summary>
    IDisposable Subscribe(string number, Func<Task> changed);

    /// <summary>
    /// Calls <paramref name="changed"/> once for each publication that names any request, until disposed: what a view over
    /// many requests (the battle map) follows.
    /// </summary>
    IDisposable SubscribeToAll(Func<Task> changed);
}

/// <summary>Request changes within one web node.</summary>
public sealed class InProcessRequestChanges(ILogger<InProcessRequestChanges> logger) : IRequestChanges
{
    private readonly LiveTopics _requests = new(logger);

    /// <summary>The topic of every publication: no request number contains it.</summary>
    private const string Any = "*";

    public void Publish(IEnumerable<string> numbers)
    {
        var named = numbers.ToList();
        _requests.Publish(named.Count > 0 ? named.Append(Any) : named);
    }

    public IDisposable Subscribe(string number, Func<Task> changed) => _requests.Subscribe(number, changed);

    public IDisposable SubscribeToAll(Func<Task> changed) => _requests.Subscribe(Any, changed);
}
