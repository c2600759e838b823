using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Web.Resources;

namespace Portal.Web.Shared;

/// <summary>A domain refusal in the user's language (docs/refusals.md).</summary>
public static class Refusals
{
    /// <summary>
    /// The refusal's text for its code, with its arguments worded in the user's culture: a <see cref="Term"/> or an
    /// enum by its own entry, a time limit as an amount of its unit, a date in the portal's date format. The Chinese
    /// message when the code has no text.
    /// </summary>
    public static string Describe(this IStringLocalizer<RefusalResource> text, DomainException refusal)
    {
        var format = text[refusal.Code];
        if (format.ResourceNotFound)
        {
            return refusal.Message;
        }
        var arguments = refusal.Arguments.Select(argument => Word(text, argument)).ToArray();
        try
        {
            return string.Format(CultureInfo.CurrentCulture, format.Value, arguments);
        }
        catch (FormatException)
        {
            return refusal.Message;
        }
    }

    private static object Word(IStringLocalizer<RefusalResource> text, object argument) => argument switch
    {
        Term term => Or(text[term.Code], term.Chinese),
        Enum value => Or(text[$"{value.GetType().Name}.{value}"], value.ToString()),
        TimeLimit limit => Or(text[$"{nameof(TimeLimitUnit)}.{limit.Unit}", limit.Amount], limit.ToString()),
        DateOnly day => day.ToString(text["Format.Date"], CultureInfo.CurrentCulture),
        _ => argument,
    };

    private static string Or(LocalizedString text, string fallback) => text.ResourceNotFound ? fallback : text.Value;
}
