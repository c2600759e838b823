using Portal.Domain.Calendar;
using Portal.Domain.TimeLimits;

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
    /// <summary>The targets a request copies from its category's policy when it is submitted.</summary>
    public static RequestTargets From(TimeLimitPolicy policy) => new(
        policy.Dispatch, policy.Sign, policy.FirstReply, policy.Resolve, policy.ResolveWithCoHandlers, policy.CoHandlerReply,
        policy.ReturnWindow, policy.EvaluationWindow, policy.MaxExtensions);

    /// <summary>DESIGN.md §4's defaults for the urgency, as a fresh policy has them.</summary>
    public static RequestTargets Defaults(Urgency urgency) => From(new TimeLimitPolicy(categoryId: 0, urgency));

    public int MaxExtensions { get; } = MaxExtensions is >= 0 and <= TimeLimitPolicy.MaxExtensionsLimit
        ? MaxExtensions
        : throw new DomainException(TimeLimitPolicyRefusals.MaxExtensionsTooMany, $"最多延期次数应在 0 至 {TimeLimitPolicy.MaxExtensionsLimit} 之间", TimeLimitPolicy.MaxExtensionsLimit);
}
