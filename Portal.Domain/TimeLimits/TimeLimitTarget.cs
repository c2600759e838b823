namespace Portal.Domain.TimeLimits;

/// <summary>The targets a <see cref="TimeLimitPolicy"/> sets, each counted from its own start (DESIGN.md §4).</summary>
public enum TimeLimitTarget
{
    /// <summary>受理派单: from submission until the request is dispatched (or handled directly).</summary>
    Dispatch,

    /// <summary>签收: from dispatch until the lead department signs for it.</summary>
    Sign,

    /// <summary>首次答复: from submission until the first staff message the enterprise can see.</summary>
    FirstReply,

    /// <summary>办结 by a single department: from submission until it is resolved.</summary>
    Resolve,

    /// <summary>办结 with co-handling departments (主办 + 协办): from submission until it is resolved.</summary>
    ResolveWithCoHandlers,

    /// <summary>协办答复: from a co-handler being added until it replies to the lead.</summary>
    CoHandlerReply,

    /// <summary>退单: from dispatch, the window in which the lead department may return the request.</summary>
    ReturnWindow,

    /// <summary>回访评价: from resolution, the window in which the enterprise rates the answer.</summary>
    EvaluationWindow,
}

public static class TimeLimitTargets
{
    public static IReadOnlyList<TimeLimitTarget> All { get; } = Enum.GetValues<TimeLimitTarget>();

    /// <summary>The target's Chinese name, as rules and refusals use it.</summary>
    public static string ChineseName(this TimeLimitTarget target) => target switch
    {
        TimeLimitTarget.Dispatch => "受理派单",
        TimeLimitTarget.Sign => "签收",
        TimeLimitTarget.FirstReply => "首次答复",
        TimeLimitTarget.Resolve => "办结（单一部门）",
        TimeLimitTarget.ResolveWithCoHandlers => "办结（多部门协办）",
        TimeLimitTarget.CoHandlerReply => "协办答复",
        TimeLimitTarget.ReturnWindow => "退单",
        TimeLimitTarget.EvaluationWindow => "回访评价",
    };
}
