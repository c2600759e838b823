namespace Portal.Infrastructure.Notifications;

/// <summary>
/// A composed e-mail, before it is written to the outbox: composing (what to say, to whom) is kept apart
/// from delivering. <paramref name="RecipientAddress"/> may be null for a user without an e-mail address;
/// the outbox then records the failure instead of throwing.
/// </summary>
public sealed record OutgoingEmail(
    string? RecipientUserId,
    string? RecipientAddress,
    string? RecipientName,
    string Subject,
    string TextBody,
    string? HtmlBody,
    string EventType,
    string? RequestNumber = null);

/// <summary>The event types the outbox knows; request events add theirs here (e.g. <c>Request.Dispatched</c>).</summary>
public static class OutboxEventTypes
{
    public const string ConfirmEmail = "Account.ConfirmEmail";
    public const string PasswordResetLink = "Account.PasswordResetLink";
    public const string PasswordResetCode = "Account.PasswordResetCode";
}
