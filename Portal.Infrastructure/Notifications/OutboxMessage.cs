namespace Portal.Infrastructure.Notifications;

public enum OutboxState
{
    /// <summary>Waiting for its next attempt (possibly the first), or being attempted under a claim.</summary>
    Pending,
    Delivered,

    /// <summary>Given up: a permanent refusal, or every attempt used. An admin may retry it.</summary>
    Failed,
}

/// <summary>Why the last attempt did not deliver; the detail is in <see cref="OutboxMessage.LastError"/>.</summary>
public enum OutboxProblem
{
    /// <summary>The recipient has no usable e-mail address. Permanent.</summary>
    NoAddress,

    /// <summary>The server refused the recipient with a permanent (5xx) reply.</summary>
    RecipientRejected,

    /// <summary>The server refused the sender or the message with a permanent (5xx) reply.</summary>
    MessageRejected,

    /// <summary>The server could not be reached, or the connection broke. Retried.</summary>
    ServerUnreachable,

    /// <summary>The server refused the configured user name or password. Retried, in case the setting is fixed.</summary>
    AuthenticationFailed,

    /// <summary>A temporary (4xx) refusal. Retried.</summary>
    TemporaryRefusal,

    /// <summary>The pickup folder could not be written. Retried.</summary>
    PickupFolderUnwritable,

    Unexpected,

    /// <summary>
    /// The message could not be put into words (a template lacks a word or a value). The row keeps a plain
    /// notice with the link instead, and waits for an admin: a retry sends that.
    /// </summary>
    CompositionFailed,
}

/// <summary>
/// One e-mail to deliver (待发送邮件), written in the same transaction as the change that caused it and
/// delivered by <see cref="OutboxDeliveryJob"/>. Its id is also the e-mail's Message-ID and the name
/// of its pickup file. Nothing here is ever deleted.
/// </summary>
public class OutboxMessage
{
    public const int AddressMaxLength = 256;
    public const int NameMaxLength = 128;
    public const int SubjectMaxLength = 256;
    public const int EventTypeMaxLength = 64;
    public const int RequestNumberMaxLength = 32;
    public const int ClaimedByMaxLength = 128;
    public const int ErrorMaxLength = 2000;

    public Guid Id { get; private set; }

    /// <summary>The portal user the message is for; null for an address outside the portal's accounts.</summary>
    public string? RecipientUserId { get; private set; }

    /// <summary>Null or blank when the user has no e-mail address: the row is then failed at its first attempt.</summary>
    public string? RecipientAddress { get; private set; }

    public string RecipientName { get; private set; }
    public string Subject { get; private set; }
    public string TextBody { get; private set; }
    public string? HtmlBody { get; private set; }

    /// <summary>What caused the message, e.g. <c>Account.ConfirmEmail</c>; see <see cref="OutboxEventTypes"/>.</summary>
    public string EventType { get; private set; }

    /// <summary>The request the message is about, for request events; null for account e-mail.</summary>
    public string? RequestNumber { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public OutboxState State { get; private set; }

    /// <summary>Attempts made so far, successful or not.</summary>
    public int AttemptCount { get; private set; }

    /// <summary>While Pending, not to be attempted before this instant (the backoff). Kept as it was once Delivered or Failed.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>Null until an attempt fails; then the last failure, also after a later success.</summary>
    public OutboxProblem? LastProblem { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>Set when the message was handed to the SMTP server or its pickup file exists.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>
    /// The claim of the worker attempting the row: set together with <see cref="ClaimedUntil"/> when a worker
    /// takes the row, cleared when it records the outcome. A row whose claim has expired (its worker died)
    /// is taken again. Only the claim's holder may record an outcome (a concurrency token).
    /// </summary>
    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    public OutboxMessage(Guid id, OutgoingEmail email, DateTimeOffset now)
    {
        Id = id;
        RecipientUserId = email.RecipientUserId;
        RecipientAddress = string.IsNullOrWhiteSpace(email.RecipientAddress) ? null : email.RecipientAddress.Trim();
        RecipientName = Truncate(email.RecipientName ?? "", NameMaxLength);
        Subject = Truncate(email.Subject, SubjectMaxLength);
        TextBody = email.TextBody;
        HtmlBody = email.HtmlBody;
        EventType = email.EventType;
        RequestNumber = email.RequestNumber;
        CreatedAt = now;
        State = OutboxState.Pending;
        NextAttemptAt = now;
    }

    /// <summary>A message whose composition failed: kept, failed with the error, its fallback text ready for a retry.</summary>
    public static OutboxMessage CompositionFailedFor(Guid id, OutgoingEmail fallback, string error, DateTimeOffset now)
    {
        var row = new OutboxMessage(id, fallback, now)
        {
            State = OutboxState.Failed,
            LastProblem = OutboxProblem.CompositionFailed,
        };
        row.LastError = Truncate(error, ErrorMaxLength);
        return row;
    }

    // For EF Core.
    private OutboxMessage()
    {
        RecipientName = Subject = TextBody = EventType = "";
    }

    /// <summary>The address was handed over: the row will not be attempted again.</summary>
    public void MarkDelivered(DateTimeOffset now)
    {
        AttemptCount++;
        LastAttemptAt = now;
        DeliveredAt = now;
        State = OutboxState.Delivered;
        ReleaseClaim();
    }

    /// <summary>
    /// Records a failed attempt: a permanent problem fails the row at once; a temporary one waits for the
    /// backoff, unless it was the last attempt allowed.
    /// </summary>
    public void RecordFailure(OutboxProblem problem, string error, bool permanent, RetryPolicy retry, DateTimeOffset now)
    {
        AttemptCount++;
        LastAttemptAt = now;
        LastProblem = problem;
        LastError = Truncate(error, ErrorMaxLength);
        if (permanent || AttemptCount >= retry.MaxAttempts)
        {
            State = OutboxState.Failed;
        }
        else
        {
            NextAttemptAt = now + retry.DelayAfter(AttemptCount);
        }
        ReleaseClaim();
    }

    /// <summary>An admin's retry: a failed row gets a fresh set of attempts; a waiting one skips its backoff.</summary>
    public bool Retry(DateTimeOffset now)
    {
        switch (State)
        {
            case OutboxState.Failed:
                State = OutboxState.Pending;
                AttemptCount = 0;
                NextAttemptAt = now;
                return true;
            case OutboxState.Pending when ClaimedUntil is null || ClaimedUntil <= now:
                NextAttemptAt = now;
                return true;
            default:
                return false;
        }
    }

    private void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
