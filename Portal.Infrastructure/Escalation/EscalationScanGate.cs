namespace Portal.Infrastructure.Escalation;

/// <summary>
/// One escalation scan at a time on this node: a scan that outlasts the 15 seconds between ticks makes the next
/// ticks' scans return at once instead of racing it for the same requests. Scans on other nodes are not held
/// back: the unique key keeps them from doubling anything, and each round selects afresh what is left.
/// </summary>
public sealed class EscalationScanGate
{
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <returns>A lease to dispose when the scan ends, or null when a scan is already running here.</returns>
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
