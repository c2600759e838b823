using Portal.Infrastructure.Jobs;

namespace Portal.Infrastructure.Escalation;

/// <summary>
/// One escalation scan at a time on this node: a scan that outlasts the 15 seconds between ticks makes the next
/// ticks' scans return at once instead of racing it for the same requests. Scans on other nodes are not held
/// back: the unique key keeps them from doubling anything, and each round selects afresh what is left.
/// </summary>
public sealed class EscalationScanGate : RunGate;
