namespace Portal.Tests.Support;

/// <summary>
/// The real clock moved to an instant the test sets: time runs on from there, and timers stay real, as a browser test
/// against a running portal needs (a frozen fake clock would stop the circuit's timers).
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset now) : TimeProvider
{
    private TimeSpan _shift = now - System.GetUtcNow();

    public void Set(DateTimeOffset instant) => _shift = instant - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
