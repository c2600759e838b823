namespace Portal.Infrastructure.Escalation;

/// <summary>
/// Escalation settings (section <c>Escalation</c>), checked at start. <see cref="WarningPercent"/> and
/// <see cref="SevereAfterWorkingDays"/> only seed <see cref="EscalationSettings"/> on the first start: read the
/// policy from <see cref="EscalationSettingsService"/>, never from here.
/// </summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>The share of a deadline's working time used at which the warning (level 1) fires, in percent.</summary>
    public int WarningPercent { get; set; } = 80;

    /// <summary>Working days past the deadline after which it is severely overdue (level 3).</summary>
    public int SevereAfterWorkingDays { get; set; } = 1;

    /// <summary>
    /// Requests escalated per round of a scan: after each round the scan selects again (seeing what another node
    /// recorded meanwhile) until nothing is left, so a scan is never capped at this many.
    /// </summary>
    public int BatchSize { get; set; } = 10000;

    /// <summary>
    /// Requests escalated together in one unit of work (context, connection, transaction): read set-wise, saved at once.
    /// A batch that fails (a race lost to another scan, a request that cannot be escalated) is done again one request
    /// per transaction. 1 escalates every request in a transaction of its own.
    /// </summary>
    public int RequestsPerTransaction { get; set; } = 200;

    /// <summary>Batches (<see cref="RequestsPerTransaction"/>) escalated at once, each in its own unit of work.</summary>
    public int Parallelism { get; set; } = 4;
}
