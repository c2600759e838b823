namespace Portal.Domain.Calendar;

/// <summary>How a <see cref="TimeLimit"/> is counted.</summary>
public enum TimeLimitUnit
{
    /// <summary>工作小时: hours of working time.</summary>
    WorkingHours,

    /// <summary>工作日: to the close of the Nth working day after the day of the start.</summary>
    WorkingDays,

    /// <summary>自然日: to 24:00 of the Nth calendar day after the day of the start.</summary>
    NaturalDays,
}

/// <summary>
/// 办理时限: a whole number of working hours, working days or natural days, as a time-limit
/// policy sets it for one target (受理派单, 签收, 办结 …).
/// </summary>
public sealed record TimeLimit
{
    /// <summary>
    /// Far above any real target (the longest default is 25 working days), low enough that a
    /// mistyped amount is refused rather than pushing a deadline years ahead.
    /// </summary>
    public const int MaxAmount = 999;

    public int Amount { get; }
    public TimeLimitUnit Unit { get; }

    public TimeLimit(int amount, TimeLimitUnit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new DomainException(CalendarRefusals.TimeLimitUnitInvalid, "时限单位无效，应为工作小时、工作日或自然日");
        }
        if (amount <= 0)
        {
            throw new DomainException(CalendarRefusals.TimeLimitNotPositive, "时限应大于 0");
        }
        if (amount > MaxAmount)
        {
            throw new DomainException(CalendarRefusals.TimeLimitTooLarge, $"时限不能超过 {MaxAmount}", MaxAmount);
        }
        Amount = amount;
        Unit = unit;
    }

    public static TimeLimit WorkingHours(int amount) => new(amount, TimeLimitUnit.WorkingHours);
    public static TimeLimit WorkingDays(int amount) => new(amount, TimeLimitUnit.WorkingDays);
    public static TimeLimit NaturalDays(int amount) => new(amount, TimeLimitUnit.NaturalDays);

    public override string ToString() => Unit switch
    {
        TimeLimitUnit.WorkingHours => $"{Amount} 个工作小时",
        TimeLimitUnit.WorkingDays => $"{Amount} 个工作日",
        TimeLimitUnit.NaturalDays => $"{Amount} 个自然日",
    };
}
