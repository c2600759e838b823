namespace Portal.Infrastructure.Jobs;

/// <summary>The last time a recurring job ran, one row per job; proves the job wiring works.</summary>
public class JobHeartbeat
{
    public const int NameMaxLength = 64;

    public string Name { get; private set; }
    public DateTimeOffset LastRunAt { get; private set; }
    public long RunCount { get; private set; }

    public JobHeartbeat(string name, DateTimeOffset lastRunAt)
    {
        Name = name;
        LastRunAt = lastRunAt;
        RunCount = 1;
    }

    public void Beat(DateTimeOffset now)
    {
        LastRunAt = now;
        RunCount++;
    }
}
