using MimeKit;
using Portal.Infrastructure.Notifications;

namespace Portal.Infrastructure.Email;

/// <summary>An outbox row as the e-mail that goes out: the same bytes apart from MIME boundaries on every attempt.</summary>
public static class OutboxMime
{
    public static MimeMessage Build(OutboxMessage row, EmailOptions settings)
    {
        if (row.RecipientAddress is not { } address || !System.Net.Mail.MailAddress.TryCreate(address, out _))
        {
            throw new DeliveryException(OutboxProblem.NoAddress, permanent: true, affectsEveryMessage: false,
                row.RecipientAddress is null
                    ? "The recipient has no e-mail address."
                    : $"The recipient's e-mail address '{row.RecipientAddress}' is not valid.");
        }

        var body = new BodyBuilder { TextBody = row.TextBody.ReplaceLineEndings("\r\n") };
        if (row.HtmlBody is { } html)
        {
            body.HtmlBody = html;
        }
        var message = new MimeMessage
        {
            Subject = row.Subject,
            Date = row.CreatedAt,
            MessageId = MessageId(row.Id, settings),
            Body = body.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(row.RecipientName, address));
        // RFC 3834: mail from a machine; auto-responders leave it alone.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Portal-Event", row.EventType);
        if (row.RequestNumber is { } number)
        {
            message.Headers.Add("X-Portal-Request", number);
        }
        return message;
    }

    public static string MessageId(Guid id, EmailOptions settings) => $"{id}@{settings.MessageIdDomain}";
}
