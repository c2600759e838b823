namespace Portal.Infrastructure.Jobs;

/// <summary>
/// One run of a job at a time on this node: a run that outlasts the time between ticks makes the next ticks' runs return
/// at once instead of racing it. A singleton per job (a subclass each); runs on other nodes are not held back here.
/// </summary>
public abstract class RunGate
{
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <returns>A lease to dispose when the run ends, or null when a run is already going here.</returns>
    public IDisposable? TryEnter() => _running.Wait(0) ? new Lease(_running) : null;

    private sealed class Lease(SemaphoreSlim running) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                running.Release();
            }
        }
    }
}
