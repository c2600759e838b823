using Portal.Domain.Calendar;
using Portal.Domain.Requests;

namespace Portal.Domain.TimeLimits;

/// <summary>
/// 时限标准: the time limits of one request category at one urgency, each target in its own unit,
/// and how many extensions (延期) a request may be granted. A request copies them when it is
/// submitted, so a change applies to new requests only.
/// </summary>
public sealed class TimeLimitPolicy
{
    /// <summary>More than this many extensions would leave the resolve target meaningless.</summary>
    public const int MaxExtensionsLimit = 10;

    public const int DefaultMaxExtensions = 2;

    public int Id { get; private set; }
    public int CategoryId { get; private set; }
    public Urgency Urgency { get; private set; }

    public TimeLimit Dispatch { get; private set; }
    public TimeLimit Sign { get; private set; }
    public TimeLimit FirstReply { get; private set; }
    public TimeLimit Resolve { get; private set; }
    public TimeLimit ResolveWithCoHandlers { get; private set; }
    public TimeLimit CoHandlerReply { get; private set; }
    public TimeLimit ReturnWindow { get; private set; }
    public TimeLimit EvaluationWindow { get; private set; }

    /// <summary>最多延期次数: approved extensions a request may have; 0 allows none.</summary>
    public int MaxExtensions { get; private set; }

    /// <summary>A policy with DESIGN.md's defaults for the urgency; an admin changes targets afterwards.</summary>
    public TimeLimitPolicy(int categoryId, Urgency urgency)
    {
        if (!Enum.IsDefined(urgency))
        {
            throw new DomainException(TimeLimitPolicyRefusals.UrgencyInvalid, "紧急程度无效，应为一般或紧急");
        }
        CategoryId = categoryId;
        Urgency = urgency;
        Dispatch = DefaultFor(urgency, TimeLimitTarget.Dispatch);
        Sign = DefaultFor(urgency, TimeLimitTarget.Sign);
        FirstReply = DefaultFor(urgency, TimeLimitTarget.FirstReply);
        Resolve = DefaultFor(urgency, TimeLimitTarget.Resolve);
        ResolveWithCoHandlers = DefaultFor(urgency, TimeLimitTarget.ResolveWithCoHandlers);
        CoHandlerReply = DefaultFor(urgency, TimeLimitTarget.CoHandlerReply);
        ReturnWindow = DefaultFor(urgency, TimeLimitTarget.ReturnWindow);
        EvaluationWindow = DefaultFor(urgency, TimeLimitTarget.EvaluationWindow);
        MaxExtensions = DefaultMaxExtensions;
    }

    /// <summary>
    /// DESIGN.md §4's defaults. An urgent request signs within 2 working hours and resolves within 3
    /// working days, with co-handlers or without; its other targets are those of a normal one.
    /// </summary>
    public static TimeLimit DefaultFor(Urgency urgency, TimeLimitTarget target) => (urgency, target) switch
    {
        (_, TimeLimitTarget.Dispatch) => TimeLimit.WorkingHours(2),
        (Urgency.Normal, TimeLimitTarget.Sign) => TimeLimit.WorkingDays(1),
        (Urgency.Urgent, TimeLimitTarget.Sign) => TimeLimit.WorkingHours(2),
        (_, TimeLimitTarget.FirstReply) => TimeLimit.WorkingDays(2),
        (Urgency.Normal, TimeLimitTarget.Resolve) => TimeLimit.WorkingDays(10),
        (Urgency.Normal, TimeLimitTarget.ResolveWithCoHandlers) => TimeLimit.WorkingDays(25),
        (Urgency.Urgent, TimeLimitTarget.Resolve or TimeLimitTarget.ResolveWithCoHandlers) => TimeLimit.WorkingDays(3),
        (_, TimeLimitTarget.CoHandlerReply) => TimeLimit.WorkingDays(3),
        (_, TimeLimitTarget.ReturnWindow) => TimeLimit.WorkingDays(1),
        (_, TimeLimitTarget.EvaluationWindow) => TimeLimit.NaturalDays(7),
        _ => throw new DomainException(TimeLimitPolicyRefusals.UrgencyInvalid, "紧急程度无效，应为一般或紧急"),
    };

    public TimeLimit this[TimeLimitTarget target] => target switch
    {
        TimeLimitTarget.Dispatch => Dispatch,
        TimeLimitTarget.Sign => Sign,
        TimeLimitTarget.FirstReply => FirstReply,
        TimeLimitTarget.Resolve => Resolve,
        TimeLimitTarget.ResolveWithCoHandlers => ResolveWithCoHandlers,
        TimeLimitTarget.CoHandlerReply => CoHandlerReply,
        TimeLimitTarget.ReturnWindow => ReturnWindow,
        TimeLimitTarget.EvaluationWindow => EvaluationWindow,
    };

    /// <summary>Sets one target; an amount of zero or less, or above <see cref="TimeLimit.MaxAmount"/>, is refused naming the target.</summary>
    public void ChangeTarget(TimeLimitTarget target, int amount, TimeLimitUnit unit)
    {
        if (!Enum.IsDefined(target))
        {
            throw new DomainException(TimeLimitPolicyRefusals.TargetInvalid, "时限项目无效");
        }
        if (amount <= 0)
        {
            throw new DomainException(TimeLimitPolicyRefusals.TargetNotPositive, $"{target.ChineseName()}时限应大于 0", target);
        }
        if (amount > TimeLimit.MaxAmount)
        {
            throw new DomainException(TimeLimitPolicyRefusals.TargetTooLarge, $"{target.ChineseName()}时限不能超过 {TimeLimit.MaxAmount}", target, TimeLimit.MaxAmount);
        }
        var limit = new TimeLimit(amount, unit);
        switch (target)
        {
            case TimeLimitTarget.Dispatch: Dispatch = limit; break;
            case TimeLimitTarget.Sign: Sign = limit; break;
            case TimeLimitTarget.FirstReply: FirstReply = limit; break;
            case TimeLimitTarget.Resolve: Resolve = limit; break;
            case TimeLimitTarget.ResolveWithCoHandlers: ResolveWithCoHandlers = limit; break;
            case TimeLimitTarget.CoHandlerReply: CoHandlerReply = limit; break;
            case TimeLimitTarget.ReturnWindow: ReturnWindow = limit; break;
            case TimeLimitTarget.EvaluationWindow: EvaluationWindow = limit; break;
        }
    }

    public void ChangeMaxExtensions(int count)
    {
        if (count < 0)
        {
            throw new DomainException(TimeLimitPolicyRefusals.MaxExtensionsNegative, "最多延期次数不能为负数");
        }
        if (count > MaxExtensionsLimit)
        {
            throw new DomainException(TimeLimitPolicyRefusals.MaxExtensionsTooMany, $"最多延期次数不能超过 {MaxExtensionsLimit}", MaxExtensionsLimit);
        }
        MaxExtensions = count;
    }

#pragma warning disable CS8618 // EF Core sets every target when it materialises a policy.
    private TimeLimitPolicy()
    {
    }
#pragma warning restore CS8618
}
