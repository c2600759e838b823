namespace Portal.Domain.TimeLimits;

/// <summary>Codes of the refusals of a time-limit policy and of the targets copied onto a request.</summary>
public static class TimeLimitPolicyRefusals
{
    public const string UrgencyInvalid = "Policy.UrgencyInvalid";
    public const string TargetInvalid = "Policy.TargetInvalid";

    /// <summary>{0}: the <see cref="TimeLimitTarget"/>.</summary>
    public const string TargetNotPositive = "Policy.TargetNotPositive";

    /// <summary>{0}: the <see cref="TimeLimitTarget"/>; {1}: the largest amount.</summary>
    public const string TargetTooLarge = "Policy.TargetTooLarge";

    public const string MaxExtensionsNegative = "Policy.MaxExtensionsNegative";

    /// <summary>{0}: the largest count.</summary>
    public const string MaxExtensionsTooMany = "Policy.MaxExtensionsTooMany";
}
