namespace Portal.Infrastructure.Notifications;

/// <summary>
/// Exponential backoff: the wait after the nth failed attempt is <c>BaseDelay × 2^(n−1)</c>, at most
/// <c>MaxDelay</c>; after <c>MaxAttempts</c> attempts the row is failed.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public TimeSpan DelayAfter(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ticks = Math.Min((double)BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
