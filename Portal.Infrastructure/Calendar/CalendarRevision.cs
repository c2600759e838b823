namespace Portal.Infrastructure.Calendar;

/// <summary>
/// One row counting the calendar's changes. Every change advances it in the same save, so a node
/// knows its cached calendar is stale by reading one number, and two admins changing the calendar
/// at once cannot both win (the number is a concurrency token).
/// </summary>
public sealed class CalendarRevision
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;
    public long Number { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public CalendarRevision(DateTimeOffset changedAt)
    {
        ChangedAt = changedAt;
    }

    public void Advance(DateTimeOffset now)
    {
        Number++;
        ChangedAt = now;
    }
}
