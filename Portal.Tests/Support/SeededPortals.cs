using Portal.Infrastructure.Data;

namespace Portal.Tests.Support;

/// <summary>A class fixture: one seeded database per provider, made when first asked for, for tests that change nothing.</summary>
public sealed class SeededPortals : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, SeededPortal> _portals = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<SeededPortal> ForAsync(DatabaseProvider provider)
    {
        await _lock.WaitAsync();
        try
        {
            if (!_portals.TryGetValue(provider, out var portal))
            {
                portal = await SeededPortal.CreateAsync(provider);
                _portals.Add(provider, portal);
            }
            return portal;
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var portal in _portals.Values)
        {
            await portal.DisposeAsync();
        }
        _lock.Dispose();
    }
}
