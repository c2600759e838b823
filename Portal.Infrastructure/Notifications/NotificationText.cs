using System.Globalization;
using System.Resources;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// The words of every notification, Chinese first with English (NotificationText.resx and .en.resx),
/// shared by the e-mail templates and the portal's notification list. A missing word is an error the
/// caller records, never a blank in a message.
/// </summary>
public static class NotificationText
{
    private static readonly ResourceManager Resources = new(typeof(NotificationText).FullName!, typeof(NotificationText).Assembly);

    /// <summary>The languages notifications are written in; the first is the default.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "en"];

    /// <summary>The culture of a language the notifications are written in; any other has no words here.</summary>
    public static CultureInfo Language(string name) =>
        Languages.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo(name)
            : throw new MissingNotificationTextException("*", name);

    public static string Get(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) is { Length: > 0 } text
            ? text
            : throw new MissingNotificationTextException(key, culture);

    public static string Format(string key, CultureInfo culture, params object[] values) =>
        string.Format(culture, Get(key, culture), values);

    /// <summary>What happened, as it follows the request's name: "已派单至承办部门", "was dispatched to a department".</summary>
    public static string What(RequestAction action, CultureInfo culture) => Get($"Event.{action}", culture);

    public static string Deadline(DeadlineKind kind, CultureInfo culture) => Get($"Deadline.{kind}", culture);

    /// <summary>An instant in the district's time, as the recipient's language writes a date.</summary>
    public static string Instant(DateTimeOffset instant, CultureInfo culture) =>
        instant.ToOffset(WorkCalendar.Offset).ToString(Get("Format.DateTime", culture), culture);
}

/// <summary>A notification needs a word its resources lack.</summary>
public sealed class MissingNotificationTextException(string key, string culture)
    : Exception($"The notification text '{key}' is missing for culture '{culture}'.")
{
    public MissingNotificationTextException(string key, CultureInfo culture) : this(key, culture.Name)
    {
    }
}
