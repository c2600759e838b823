namespace Portal.Web.Features.Dashboard.Tables;

/// <summary>
/// One cell of a dashboard table: the text the screen shows, and for a count or a measure the number a spreadsheet
/// should hold (the export writes the number, so that Excel can sum and sort it; the screen and the CSV the text).
/// </summary>
public readonly record struct DashboardCell(string Text, double? Number = null)
{
    public static implicit operator DashboardCell(string text) => new(text);

    /// <summary>A count: its digits on the screen, the number in a workbook.</summary>
    public static DashboardCell Count(int count) => new(count.ToString(System.Globalization.CultureInfo.CurrentCulture), count);

    public override string ToString() => Text;
}

/// <summary>
/// A table of the battle map as the screen shows it and the exports write it (.xlsx and CSV): its stable
/// <paramref name="Name"/> (the export's address and file name), its title and column headers in the user's language, its rows.
/// Every table on the dashboard is one of these, built once by its <see cref="IDashboardTableSource"/>, so that what is
/// exported is what was shown.
/// </summary>
public sealed record DashboardTable(string Name, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<DashboardCell>> Rows)
{
    /// <summary>Every row has a cell for each header.</summary>
    public IReadOnlyList<IReadOnlyList<DashboardCell>> Rows { get; init; } = Rows.All(r => r.Count == Headers.Count)
        ? Rows
        : throw new ArgumentException($"Table {Name}: every row must have a cell for each of its {Headers.Count} headers.", nameof(Rows));
}

/// <summary>
/// What every dashboard table is computed for: the reporting period and the filter the page (or the export's address) chose.
/// </summary>
public sealed record DashboardChoice(Portal.Domain.Metrics.ReportingPeriod Period, Portal.Infrastructure.Dashboard.FigureFilter Filter);

/// <summary>
/// Builds one named dashboard table for a user and a choice, in the user's scope and language. Registered in DI as
/// <see cref="IDashboardTableSource"/>; the export endpoint finds a source by <see cref="Name"/>.
/// </summary>
public interface IDashboardTableSource
{
    /// <summary>Stable, lower-case, ASCII: "ranking", "overdue", …; the export address is <c>/dashboard/export/{Name}</c>.</summary>
    string Name { get; }

    /// <exception cref="Portal.Domain.DomainException">The choice is refused (a department that does not exist, …).</exception>
    Task<DashboardTable> TableAsync(Portal.Infrastructure.Requests.PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default);
}
