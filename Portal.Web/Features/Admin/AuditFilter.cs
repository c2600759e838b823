using System.Globalization;
using Portal.Infrastructure.Audit;

namespace Portal.Web.Features.Admin;

/// <summary>
/// The audit list's filter as the address carries it (<c>?user=&amp;kind=&amp;from=yyyy-MM-dd&amp;to=</c>): the page and
/// the CSV export read the same parameters, so the export is exactly what the screen shows.
/// </summary>
public sealed record AuditFilter(string? User, string? Kind, string? From, string? To)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The query the services take, or null with the resource key of what is wrong (keyed by field).</summary>
    public (AuditQuery? Query, IReadOnlyDictionary<string, string> Errors) Parse()
    {
        var errors = new Dictionary<string, string>();
        var from = ParseDate(From, nameof(From), errors);
        var to = ParseDate(To, nameof(To), errors);
        var kind = string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim();
        if (kind is not null && !AuditKinds.All.Contains(kind))
        {
            errors[nameof(Kind)] = "Audit.Error.Kind";
        }
        if (from is { } f && to is { } t && t < f)
        {
            errors[nameof(To)] = "Audit.Error.ToBeforeFrom";
        }
        return errors.Count > 0
            ? (null, errors)
            : (new AuditQuery(string.IsNullOrWhiteSpace(User) ? null : User.Trim(), kind, from, to), errors);
    }

    /// <summary>The address's query string for this filter, empty parts left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        Add("user", User);
        Add("kind", Kind);
        Add("from", From);
        Add("to", To);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }
    }

    private static DateOnly? ParseDate(string? value, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors[field] = "Audit.Error.Date";
        return null;
    }
}
