namespace Portal.Domain.Metrics;

/// <summary>
/// A share of a count, such as 按时办结率 (requests resolved in time out of those resolved) or 满意率. With nothing counted
/// there is no rate: <see cref="Value"/> is null, which the UI shows as "—", never as 0 % or 100 %.
/// </summary>
public readonly record struct Rate
{
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or more counted than there are.</exception>
    public Rate(int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, denominator);
        Numerator = numerator;
        Denominator = denominator;
    }

    public int Numerator { get; }
    public int Denominator { get; }

    /// <summary>From 0 to 1; null when <see cref="Denominator"/> is 0.</summary>
    public double? Value => Denominator == 0 ? null : (double)Numerator / Denominator;

    /// <summary>The rate of the two counts together, such as two parks' or two weeks'.</summary>
    public static Rate operator +(Rate left, Rate right) =>
        new(checked(left.Numerator + right.Numerator), checked(left.Denominator + right.Denominator));

    /// <summary>
    /// How far the rate moved, in percentage points as a fraction (0.75 after 0.5 is 0.25); null when either has no
    /// value.
    /// </summary>
    public static double? Change(Rate current, Rate previous) => current.Value - previous.Value;
}
