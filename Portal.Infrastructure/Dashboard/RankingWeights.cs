namespace Portal.Infrastructure.Dashboard;

/// <summary>
/// The weights of 红黑榜 (<see cref="DepartmentRanking"/>): a department's score is
/// <see cref="Sign"/> × 及时签收率 + <see cref="Resolve"/> × 按时办结率 + <see cref="Satisfaction"/> × 满意率. Each is from
/// 0 to 1 and together they make 1, checked at start-up.
/// </summary>
public sealed class RankingWeights
{
    public const string Section = "Dashboard:RankingWeights";

    /// <summary>How far from 1 the sum may be: a configuration file's decimals are not exact in binary.</summary>
    public const double SumTolerance = 0.0001;

    public double Sign { get; set; } = 0.3;
    public double Resolve { get; set; } = 0.4;
    public double Satisfaction { get; set; } = 0.3;

    public bool AreValid =>
        new[] { Sign, Resolve, Satisfaction }.All(w => w is >= 0 and <= 1) && Math.Abs(Sign + Resolve + Satisfaction - 1) <= SumTolerance;

    /// <summary>
    /// The score in points (0 to 100, to two decimals, as the screen shows it) of the components that have a rate: a
    /// component with nothing counted ("—", such as 满意率 with no ratings) is left out and the others' weights are scaled up
    /// to make 1. Null when no weighted component has a rate.
    /// </summary>
    public double? Score(double? signedInTime, double? resolvedInTime, double? satisfied)
    {
        (double Weight, double? Rate)[] components = [(Sign, signedInTime), (Resolve, resolvedInTime), (Satisfaction, satisfied)];
        var present = components.Where(c => c.Rate is not null).ToList();
        var weight = present.Sum(c => c.Weight);
        return weight > 0
            ? Math.Round(100 * present.Sum(c => c.Weight * c.Rate!.Value) / weight, 2, MidpointRounding.AwayFromZero)
            : null;
    }
}
