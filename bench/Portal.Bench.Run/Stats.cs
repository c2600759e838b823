namespace Portal.Bench.Run;

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new InvalidOperationException("No values to take the median of.");
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The value below which <paramref name="percent"/> % of the values lie (nearest rank).</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Ms(double milliseconds) => milliseconds switch
    {
        < 1 => $"{milliseconds:0.000} ms",
        < 10 => $"{milliseconds:0.00} ms",
        < 1000 => $"{milliseconds:0.0} ms",
        _ => $"{milliseconds / 1000:0.00} s",
    };
}
