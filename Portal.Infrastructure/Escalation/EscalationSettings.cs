using Portal.Domain.Requests;

namespace Portal.Infrastructure.Escalation;

/// <summary>
/// 督办设置: the warning threshold and the severe delay every escalation is judged by, one row that admins
/// change at <c>/admin/settings</c>. Seeded from <see cref="EscalationOptions"/> on the first start; from then
/// on the row, not the configuration, is what counts.
/// </summary>
public sealed class EscalationSettings
{
    /// <summary>The one row's key.</summary>
    public const int SingletonId = 1;

    public const int WarningPercentMin = 1;
    public const int WarningPercentMax = 99;
    public const int SevereAfterWorkingDaysMin = 0;
    public const int SevereAfterWorkingDaysMax = 10;

    private EscalationSettings()
    {
    }

    public EscalationSettings(int warningPercent, int severeAfterWorkingDays)
    {
        Id = SingletonId;
        WarningPercent = warningPercent;
        SevereAfterWorkingDays = severeAfterWorkingDays;
    }

    public int Id { get; private set; }

    /// <summary>The share of a deadline's working time used at which the warning (level 1, 预警) fires, in percent.</summary>
    public int WarningPercent { get; private set; }

    /// <summary>
    /// Working days past the deadline's day after which it is severely overdue (level 3, 严重超期): the close
    /// of that many working days after the deadline's day; 0 is the close of the deadline's own day.
    /// </summary>
    public int SevereAfterWorkingDays { get; private set; }

    public EscalationPolicy Policy => new(WarningPercent / 100.0, SevereAfterWorkingDays);

    public static bool IsValidWarningPercent(int value) => value is >= WarningPercentMin and <= WarningPercentMax;

    public static bool IsValidSevereAfterWorkingDays(int value) => value is >= SevereAfterWorkingDaysMin and <= SevereAfterWorkingDaysMax;

    /// <summary>Takes new values that the caller has checked with <see cref="IsValidWarningPercent"/> and <see cref="IsValidSevereAfterWorkingDays"/>.</summary>
    public void Change(int warningPercent, int severeAfterWorkingDays)
    {
        if (!IsValidWarningPercent(warningPercent) || !IsValidSevereAfterWorkingDays(severeAfterWorkingDays))
        {
            throw new ArgumentOutOfRangeException(nameof(warningPercent), "Escalation settings out of range: check them before changing.");
        }
        WarningPercent = warningPercent;
        SevereAfterWorkingDays = severeAfterWorkingDays;
    }
}
