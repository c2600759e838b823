namespace Portal.Domain.Metrics;

/// <summary>Codes of the refusals of the dashboard: its reporting period and its filters. Dates are passed as <see cref="DateOnly"/>.</summary>
public static class MetricsRefusals
{
    public const string PeriodDatesRequired = "Metrics.PeriodDatesRequired";

    /// <summary>{0}: the start; {1}: the end.</summary>
    public const string PeriodEndsBeforeStart = "Metrics.PeriodEndsBeforeStart";

    /// <summary>{0}: the most years.</summary>
    public const string PeriodTooLong = "Metrics.PeriodTooLong";

    public const string DepartmentNotFound = "Metrics.DepartmentNotFound";
    public const string ParkNotFound = "Metrics.ParkNotFound";
    public const string IndustryNotFound = "Metrics.IndustryNotFound";
    public const string CategoryNotFound = "Metrics.CategoryNotFound";
    public const string CommissionerNotFound = "Metrics.CommissionerNotFound";

    /// <summary>The weights of the red and black lists (红黑榜) are each outside 0 to 1, or do not add up to 1.</summary>
    public const string RankingWeightsInvalid = "Metrics.RankingWeightsInvalid";
}
