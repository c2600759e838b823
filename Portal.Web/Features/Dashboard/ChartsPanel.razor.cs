using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Domain;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>
/// The battle map's charts for the dashboard's choice, in the reader's scope: received and resolved per day (per month
/// beyond a quarter), the resolution time trend, received by category and by industry, and the satisfaction
/// distribution. Each chart is drawn from its <see cref="DashboardTable"/>, which is shown under it (so that nothing is
/// only in the picture) and which its downloads write.
/// </summary>
public sealed partial class ChartsPanel
{
    /// <summary>At most this many labels under a line, so that the dates stay legible; the table names every point.</summary>
    private const int MaxAxisLabels = 12;

    [Inject]
    private IEnumerable<IDashboardTableSource> Sources { get; set; } = default!;

    [Inject]
    private IStringLocalizer<DashboardResource> Text { get; set; } = default!;

    [Inject]
    private IStringLocalizer<RefusalResource> Refusal { get; set; } = default!;

    [Parameter, EditorRequired]
    public PortalUser User { get; set; } = default!;

    [Parameter, EditorRequired]
    public DashboardChoice Choice { get; set; } = default!;

    private sealed record Chart(DashboardTable Table, string Caption, ChartType Type, List<ChartSeries<double>> Series, string[] Labels);

    private IReadOnlyList<Chart> _charts = [];
    private (PortalUser User, DashboardChoice Choice)? _loaded;
    private string? _refused;
    private bool _busy;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (User, Choice))
        {
            return;
        }
        _loaded = (User, Choice);
        _busy = true;
        try
        {
            var charts = new List<Chart>();
            foreach (var (name, define, draw) in Drawn)
            {
                var table = await Sources.Single(s => s.Name == name).TableAsync(User, Choice);
                charts.Add(draw(table, Text[define]));
            }
            (_charts, _refused) = (charts, null);
        }
        catch (DomainException refusal)
        {
            (_charts, _refused) = ([], Refusal.Describe(refusal));
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Each table, the caption that defines it, and how it is drawn.</summary>
    private static readonly (string Name, string Define, Func<DashboardTable, string, Chart> Draw)[] Drawn =
    [
        (PerDayTable.TableName, "Charts.PerDay.Define", (table, caption) => Line(table, caption, 1, 2)),
        (ResolutionTrendTable.TableName, "Charts.Resolution.Define", (table, caption) => Line(table, caption, 2)),
        (ByCategoryTable.TableName, "Charts.Category.Define", (table, caption) => Whole(table, caption, ChartType.Donut)),
        (ByIndustryTable.TableName, "Charts.Industry.Define", (table, caption) => Whole(table, caption, ChartType.Bar)),
        (SatisfactionTable.TableName, "Charts.Satisfaction.Define", (table, caption) => Whole(table, caption, ChartType.Pie)),
    ];

    /// <summary>A line per column named, over the rows' first column, a cell without a number a gap.</summary>
    private static Chart Line(DashboardTable table, string caption, params int[] columns)
    {
        var every = (table.Rows.Count + MaxAxisLabels - 1) / MaxAxisLabels;
        var labels = table.Rows.Select((row, i) => i % Math.Max(every, 1) == 0 ? row[0].Text : "").ToArray();
        var series = columns.Select(c => new ChartSeries<double>
        {
            Name = table.Headers[c],
            Data = new ChartData<double>(table.Rows.Select(row => row[c].Number).ToList()),
        }).ToList();
        return new Chart(table, caption, ChartType.Line, series, labels);
    }

    /// <summary>The second column's counts, one slice or bar per row, named by the first.</summary>
    private static Chart Whole(DashboardTable table, string caption, ChartType type)
    {
        var series = new ChartSeries<double>
        {
            Name = table.Headers[1],
            Data = new ChartData<double>(table.Rows.Select(row => row[1].Number ?? 0).ToList()),
        };
        return new Chart(table, caption, type, [series], [.. table.Rows.Select(row => row[0].Text)]);
    }
}
