using System.Globalization;
using System.Net;
using System.Text;

namespace Portal.Infrastructure.Notifications;

/// <summary>
/// The one shape of every e-mail the portal writes about its work: a greeting, the lines that say
/// what happened, the link to see it, and the footer; plain text and HTML saying the same.
/// </summary>
public static class EmailBody
{
    public static (string Text, string Html) Write(CultureInfo culture, string recipientName, IReadOnlyList<string> lines, string link, string linkTextKey = "Link.Text")
    {
        var greeting = NotificationText.Format("Greeting", culture, recipientName);
        var footer = NotificationText.Get("Footer", culture);

        var text = new StringBuilder().Append(greeting).Append("\r\n\r\n");
        foreach (var line in lines)
        {
            text.Append(line).Append("\r\n");
        }
        text.Append("\r\n").Append(NotificationText.Format("Line.Link", culture, link)).Append("\r\n\r\n").Append(footer).Append("\r\n");

        var html = new StringBuilder()
            .Append($"<!DOCTYPE html><html lang=\"{Encode(culture.Name)}\"><head><meta charset=\"utf-8\"></head>")
            .Append("<body style=\"font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;color:#1a1a1a;line-height:1.6\">")
            .Append($"<p>{Encode(greeting)}</p>");
        foreach (var line in lines)
        {
            html.Append(line.Length == 0 ? "<br>" : $"<p>{Encode(line)}</p>");
        }
        html.Append($"<p><a href=\"{Encode(link)}\" style=\"color:#0b4a8b\">{Encode(NotificationText.Get(linkTextKey, culture))}</a></p>")
            .Append($"<p style=\"color:#555;font-size:12px\">{Encode(footer)}</p></body></html>");
        return (text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
