using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Dashboard;

/// <summary>
/// The text of the charts' tables, shared by the five sources: a bucket's name, a count, a share and hours as the screen
/// shows them, each with the number the spreadsheet holds rounded as shown, so that the export equals the screen.
/// </summary>
internal sealed class ChartText(IStringLocalizer<DashboardResource> text, PortalFormat format)
{
    public IStringLocalizer<DashboardResource> Text => text;

    /// <summary>A day by its date; a month by its name, or by its days when the period cuts it.</summary>
    public string Bucket(SeriesBucket bucket) =>
        bucket.First == bucket.Last ? format.Date(bucket.First)
        : bucket.First.Day == 1 && bucket.Last == bucket.First.AddMonths(1).AddDays(-1) ? text["Period.MonthOf", bucket.First.Year, bucket.First.Month]
        : text["Period.Range", format.Date(bucket.First), format.Date(bucket.Last)];

    public string BucketHeader(ReportingPeriod period) =>
        text[DashboardSeries.StepOf(period) == SeriesStep.Day ? "Charts.Header.Day" : "Charts.Header.Month"];

    public static DashboardCell Share(Rate share) => share.Value is { } value
        ? new(DashboardPage.Percent(value), Math.Round(value, 3))
        : new("—");

    public static DashboardCell Hours(double? hours) => hours is { } value
        ? new(value.ToString("0.0", CultureInfo.CurrentCulture), Math.Round(value, 1))
        : new("—");
}

/// <summary>受理与办结 by day, or by month beyond a quarter (<see cref="DashboardSeries.ReceivedAndResolvedAsync"/>).</summary>
public sealed class PerDayTable(DashboardSeries series, IStringLocalizer<DashboardResource> localizer, PortalFormat format) : IDashboardTableSource
{
    private readonly ChartText text = new(localizer, format);

    public const string TableName = "per-day";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var points = await series.ReceivedAndResolvedAsync(user, choice.Period, choice.Filter, cancellationToken);
        var step = DashboardSeries.StepOf(choice.Period) == SeriesStep.Day ? "Day" : "Month";
        return new DashboardTable(Name, text.Text[$"Charts.PerDay.Title.{step}"],
            [text.BucketHeader(choice.Period), text.Text["Charts.Header.Received"], text.Text["Charts.Header.Resolved"]],
            [.. points.Select(p => (IReadOnlyList<DashboardCell>)[text.Bucket(p.Bucket), DashboardCell.Count(p.Received), DashboardCell.Count(p.Resolved)])]);
    }
}

/// <summary>平均办结用时 by the day (or month) the resolve deadlines were due (<see cref="DashboardSeries.ResolutionTimesAsync"/>).</summary>
public sealed class ResolutionTrendTable(DashboardSeries series, IStringLocalizer<DashboardResource> localizer, PortalFormat format) : IDashboardTableSource
{
    private readonly ChartText text = new(localizer, format);

    public const string TableName = "resolution-trend";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var points = await series.ResolutionTimesAsync(user, choice.Period, choice.Filter, cancellationToken);
        return new DashboardTable(Name, text.Text["Charts.Resolution.Title"],
            [text.BucketHeader(choice.Period), text.Text["Charts.Header.Met"], text.Text["Charts.Header.AverageHours"]],
            [.. points.Select(p => (IReadOnlyList<DashboardCell>)[text.Bucket(p.Bucket), DashboardCell.Count(p.Met), ChartText.Hours(p.AverageHours)])]);
    }
}

/// <summary>The requests received by category, with their shares (<see cref="DashboardSeries.ByCategoryAsync"/>).</summary>
public sealed class ByCategoryTable(DashboardSeries series, IStringLocalizer<DashboardResource> localizer, PortalFormat format) : IDashboardTableSource
{
    private readonly ChartText text = new(localizer, format);

    public const string TableName = "by-category";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var shares = await series.ByCategoryAsync(user, choice.Period, choice.Filter, cancellationToken);
        return new DashboardTable(Name, text.Text["Charts.Category.Title"],
            [text.Text["Charts.Header.Category"], text.Text["Charts.Header.Received"], text.Text["Charts.Header.Share"]],
            [.. shares.Select(s => (IReadOnlyList<DashboardCell>)[s.Name, DashboardCell.Count(s.Share.Numerator), ChartText.Share(s.Share)])]);
    }
}

/// <summary>The requests received by their enterprise's industry, with their shares (<see cref="DashboardSeries.ByIndustryAsync"/>).</summary>
public sealed class ByIndustryTable(DashboardSeries series, IStringLocalizer<DashboardResource> localizer, PortalFormat format) : IDashboardTableSource
{
    private readonly ChartText text = new(localizer, format);

    public const string TableName = "by-industry";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var shares = await series.ByIndustryAsync(user, choice.Period, choice.Filter, cancellationToken);
        return new DashboardTable(Name, text.Text["Charts.Industry.Title"],
            [text.Text["Charts.Header.Industry"], text.Text["Charts.Header.Received"], text.Text["Charts.Header.Share"]],
            [.. shares.Select(s => (IReadOnlyList<DashboardCell>)[s.Name, DashboardCell.Count(s.Share.Numerator), ChartText.Share(s.Share)])]);
    }
}

/// <summary>
/// The ratings by answer, then those awaiting review and those not rated (<see cref="DashboardSeries.SatisfactionAsync"/>);
/// a rating's share is of those rated, so that 满意 and 基本满意 add up to 满意率.
/// </summary>
public sealed class SatisfactionTable(
    DashboardSeries series, IStringLocalizer<DashboardResource> localizer, PortalFormat format, IStringLocalizer<RequestResource> answers) : IDashboardTableSource
{
    private readonly ChartText text = new(localizer, format);

    public const string TableName = "satisfaction";

    public string Name => TableName;

    public async Task<DashboardTable> TableAsync(PortalUser user, DashboardChoice choice, CancellationToken cancellationToken = default)
    {
        var counts = await series.SatisfactionAsync(user, choice.Period, choice.Filter, cancellationToken);
        IReadOnlyList<DashboardCell> Rated(Satisfaction answer, int count) =>
            [answers[$"Satisfaction.{answer}"].Value, DashboardCell.Count(count), ChartText.Share(new Rate(count, counts.Rated))];
        IReadOnlyList<DashboardCell> Apart(string key, int count) => [text.Text[key].Value, DashboardCell.Count(count), new("—")];
        return new DashboardTable(Name, text.Text["Charts.Satisfaction.Title"],
            [text.Text["Charts.Header.Rating"], text.Text["Charts.Header.Count"], text.Text["Charts.Header.ShareOfRated"]],
            [
                Rated(Satisfaction.Satisfied, counts.Satisfied),
                Rated(Satisfaction.BasicallySatisfied, counts.BasicallySatisfied),
                Rated(Satisfaction.Unsatisfied, counts.Unsatisfied),
                Apart("Charts.AwaitingReview", counts.AwaitingReview),
                Apart("Charts.NotRated", counts.NotRated),
            ]);
    }
}
