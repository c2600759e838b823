using Portal.Domain.Calendar;

namespace Portal.Domain.Requests;

/// <summary>
/// The time limits a request is held to, copied from its category's policy when it is submitted:
/// later policy edits apply to new requests only (DESIGN.md §4).
/// </summary>
public sealed record RequestTargets(
    TimeLimit Dispatch,
    TimeLimit Sign,
    TimeLimit FirstReply,
    TimeLimit ResolveSingle,
    TimeLimit ResolveWithCoHandlers,
    TimeLimit CoHandlerReply,
    TimeLimit ReturnWindow,
    TimeLimit EvaluationWindow,
    int MaxExtensions)
{
    public const int MaxExtensionsLimit = 10;

    /// <summary>The city's 企呼枣应 rules and 12345 practice, as DESIGN.md §4 lists them.</summary>
    public static RequestTargets Defaults(RequestUrgency urgency) => urgency switch
    {
        RequestUrgency.Normal => new(
            TimeLimit.WorkingHours(2), TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(2), TimeLimit.WorkingDays(10),
            TimeLimit.WorkingDays(25), TimeLimit.WorkingDays(3), TimeLimit.WorkingDays(1), TimeLimit.NaturalDays(7), 2),
        RequestUrgency.Urgent => new(
            TimeLimit.WorkingHours(2), TimeLimit.WorkingHours(2), TimeLimit.WorkingDays(2), TimeLimit.WorkingDays(3),
            TimeLimit.WorkingDays(25), TimeLimit.WorkingDays(3), TimeLimit.WorkingDays(1), TimeLimit.NaturalDays(7), 2),
    };

    public int MaxExtensions { get; } = MaxExtensions is >= 0 and <= MaxExtensionsLimit
        ? MaxExtensions
        : throw new DomainException($"最多延期次数应在 0 至 {MaxExtensionsLimit} 之间");
}
