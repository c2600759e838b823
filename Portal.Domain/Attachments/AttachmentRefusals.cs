namespace Portal.Domain.Attachments;

/// <summary>Codes of the refusals of attachments, by the domain and by the filing services.</summary>
public static class AttachmentRefusals
{
    /// <summary>{0}: the largest size in MB.</summary>
    public const string SizeOutOfRange = "Attachment.SizeOutOfRange";

    public const string AlreadyFiled = "Attachment.AlreadyFiled";
    public const string AlreadySent = "Attachment.AlreadySent";
    public const string RoleCannotSend = "Attachment.RoleCannotSend";

    /// <summary>{0}: the most attachments one message may carry.</summary>
    public const string TooManyOnMessage = "Attachment.TooManyOnMessage";

    public const string MessageFilesGone = "Attachment.MessageFilesGone";

    /// <summary>{0}: the most attachments.</summary>
    public const string TooMany = "Attachment.TooMany";

    public const string NotFoundOrFiled = "Attachment.NotFoundOrFiled";
    public const string RoleCannotFile = "Attachment.RoleCannotFile";
}
