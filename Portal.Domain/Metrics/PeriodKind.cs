namespace Portal.Domain.Metrics;

/// <summary>The kinds of <see cref="ReportingPeriod"/> the dashboard offers.</summary>
public enum PeriodKind
{
    /// <summary>本周: Monday to Sunday.</summary>
    Week,

    /// <summary>本月.</summary>
    Month,

    /// <summary>本季度: January to March, April to June, July to September, October to December.</summary>
    Quarter,

    /// <summary>本年.</summary>
    Year,

    /// <summary>自定义: any first and last day, at most <see cref="ReportingPeriod.MaxYears"/> years apart.</summary>
    Custom,
}
