using Portal.Domain.Requests;

namespace Portal.Infrastructure.Notifications;

/// <summary>What one e-mail about a request event says, before it is put into words.</summary>
/// <param name="ActorName">Who acted; null for the portal itself (auto-close, a recount), named in the recipient's language.</param>
public sealed record RequestEventFacts(
    string Number, string Title, RequestAction Action, string? Text, string? ActorName, RequestDeadline? NextDeadline);

/// <summary>Someone to tell: their address may be missing, which the outbox records instead of sending.</summary>
public sealed record NotificationRecipient(string UserId, string? Email, string Name, string Culture);

/// <summary>
/// Puts a request event into an e-mail for one recipient, in their language: the request's number
/// and title, what happened and by whom, what was said, the next deadline, and the link to
/// <c>/requests/{number}</c>. Plain text and HTML say the same.
/// </summary>
public sealed class RequestEmailComposer(Uri publicUrl)
{
    public static string EventType(RequestAction action) => $"Request.{action}";

    public Uri LinkTo(string number) => new(publicUrl, $"requests/{Uri.EscapeDataString(number)}");

    /// <summary>A page of the portal by its path relative to the public address (no leading slash).</summary>
    public Uri LinkToPage(string path) => new(publicUrl, path);

    public OutgoingEmail Compose(RequestEventFacts facts, NotificationRecipient to)
    {
        var culture = NotificationText.Language(to.Culture);
        var what = NotificationText.What(facts.Action, culture);
        var link = LinkTo(facts.Number).ToString();
        var lines = new List<string>
        {
            NotificationText.Format("Line.Happened", culture, facts.Title, facts.Number, what),
            NotificationText.Format("Line.By", culture, facts.ActorName ?? NotificationText.Get("Actor.System", culture)),
        };
        if (!string.IsNullOrWhiteSpace(facts.Text))
        {
            lines.Add(NotificationText.Format("Line.Text", culture, facts.Text));
        }
        if (facts.NextDeadline is { } next)
        {
            lines.Add(NotificationText.Format("Line.Deadline", culture,
                NotificationText.Deadline(next.Kind, culture), NotificationText.Instant(next.DueAt, culture)));
        }
        var (text, html) = EmailBody.Write(culture, to.Name, lines, link);
        return new OutgoingEmail(
            to.UserId, to.Email, to.Name,
            NotificationText.Format("Subject", culture, facts.Number, what),
            text, html, EventType(facts.Action), facts.Number);
    }

    /// <summary>The plainest notice, with no template: kept for a retry when composing failed.</summary>
    public OutgoingEmail Fallback(RequestEventFacts facts, NotificationRecipient to)
    {
        var link = LinkTo(facts.Number).ToString();
        return new OutgoingEmail(
            to.UserId, to.Email, to.Name, $"【有求必应】{facts.Number}",
            $"{facts.Number} {facts.Title}\r\n{link}\r\n", null, EventType(facts.Action), facts.Number);
    }
}
