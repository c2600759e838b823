using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Domain.Metrics;
using Portal.Infrastructure.Dashboard;

namespace Portal.Web.Features.Dashboard.Tables;

/// <summary>
/// A dashboard choice as an address's query carries it, the same for the page and the exports:
/// <c>?period=month&amp;from=2026-03-01&amp;department=3</c>. For a week, month, quarter or year <c>from</c> is any day in it;
/// for a custom period <c>from</c> and <c>to</c> are its first and last days.
/// </summary>
public sealed record DashboardAddress(
    string? Period = null, string? From = null, string? To = null,
    int? Department = null, int? Park = null, int? Industry = null, int? Category = null, string? Commissioner = null)
{
    public static DashboardAddress Of(DashboardChoice choice) => new(
        choice.Period.Kind.ToString().ToLowerInvariant(),
        Day(choice.Period.First),
        choice.Period.Kind == PeriodKind.Custom ? Day(choice.Period.Last) : null,
        choice.Filter.DepartmentId, choice.Filter.ParkId, choice.Filter.IndustryId, choice.Filter.CategoryId, choice.Filter.CommissionerUserId);

    /// <summary>The choice this address names; what does not parse falls back to this month of <paramref name="today"/>.</summary>
    /// <exception cref="Portal.Domain.DomainException">A custom period without both days, ending before it starts, or over five years.</exception>
    public DashboardChoice Choice(DateOnly today)
    {
        var kind = ParseKind(Period) ?? PeriodKind.Month;
        var (from, to) = (ParseDay(From), ParseDay(To));
        var period = kind == PeriodKind.Custom ? ReportingPeriod.Custom(from, to) : ReportingPeriod.Containing(kind, from ?? today);
        return new DashboardChoice(period, new FigureFilter(Department, Park, Industry, Category, string.IsNullOrWhiteSpace(Commissioner) ? null : Commissioner));
    }

    /// <summary>The query string, starting with "?".</summary>
    public string Query()
    {
        var pairs = new Dictionary<string, string?>
        {
            ["period"] = Period,
            ["from"] = From,
            ["to"] = To,
            ["department"] = Department?.ToString(CultureInfo.InvariantCulture),
            ["park"] = Park?.ToString(CultureInfo.InvariantCulture),
            ["industry"] = Industry?.ToString(CultureInfo.InvariantCulture),
            ["category"] = Category?.ToString(CultureInfo.InvariantCulture),
            ["commissioner"] = Commissioner,
        };
        return QueryHelpers.AddQueryString("", pairs.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>A period kind by its name, in any case; null for anything else.</summary>
    public static PeriodKind? ParseKind(string? text) =>
        Enum.TryParse<PeriodKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
