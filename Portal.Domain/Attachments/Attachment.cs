namespace Portal.Domain.Attachments;

/// <summary>The kinds of file the portal accepts, each recognised by its content, never by its name.</summary>
public enum AttachmentKind
{
    Pdf,
    Png,
    Jpeg,
    Gif,

    /// <summary>Word 2007 and later (.docx, without macros).</summary>
    Docx,

    /// <summary>Excel 2007 and later (.xlsx, without macros).</summary>
    Xlsx,

    /// <summary>Word 97–2003 (.doc).</summary>
    Doc,

    /// <summary>Excel 97–2003 (.xls).</summary>
    Xls,
}

public static class AttachmentKinds
{
    public static string ContentType(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => "application/pdf",
        AttachmentKind.Png => "image/png",
        AttachmentKind.Jpeg => "image/jpeg",
        AttachmentKind.Gif => "image/gif",
        AttachmentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        AttachmentKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        AttachmentKind.Doc => "application/msword",
        AttachmentKind.Xls => "application/vnd.ms-excel",
    };

    /// <summary>The extensions a file of the kind may carry; the first is the one given to a name that carries another.</summary>
    public static IReadOnlyList<string> Extensions(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.Pdf => [".pdf"],
        AttachmentKind.Png => [".png"],
        AttachmentKind.Jpeg => [".jpg", ".jpeg"],
        AttachmentKind.Gif => [".gif"],
        AttachmentKind.Docx => [".docx"],
        AttachmentKind.Xlsx => [".xlsx"],
        AttachmentKind.Doc => [".doc"],
        AttachmentKind.Xls => [".xls"],
    };
}

/// <summary>
/// 附件: a file kept with a request, or with a user's draft of one until it is filed. The file lives in
/// the attachment store under <see cref="StorageName"/>, a name the portal generated; <see cref="FileName"/>
/// is only what the user called it, shown and offered on download. Anyone who may act on a request may
/// attach files to it: <see cref="VisibleToEnterprise"/> keeps staff's internal files from the enterprise.
/// </summary>
public sealed class Attachment
{
    /// <summary>20 MB: a scanned contract or a site photo fits; a video does not.</summary>
    public const long MaxSize = 20L * 1024 * 1024;

    /// <summary>Files one filing may carry.</summary>
    public const int MaxPerFiling = 10;

    public const int FileNameMaxLength = 200;
    public const int StorageNameMaxLength = 64;

    public Guid Id { get; private set; }

    /// <summary>The request it belongs to; null while it waits in a draft.</summary>
    public long? RequestId { get; private set; }

    /// <summary>Whose draft it waits in; null once it belongs to a request.</summary>
    public string? DraftUserId { get; private set; }

    /// <summary>
    /// The request a staff member's message being written is for (a reply, a note, a resolution) while the file
    /// waits with it; null for a draft of a new request and once the file belongs to a request.
    /// </summary>
    public long? DraftRequestId { get; private set; }

    /// <summary>The timeline event the file came with (<see cref="Requests.RequestEvent.Sequence"/>); null when it was filed with the request.</summary>
    public int? EventSequence { get; private set; }

    public string FileName { get; private set; } = "";
    public AttachmentKind Kind { get; private set; }
    public long Size { get; private set; }

    /// <summary>SHA-256 of the content, hex: shows that what is served is what was received.</summary>
    public string Sha256 { get; private set; } = "";

    public string StorageName { get; private set; } = "";
    public string UploadedByUserId { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public bool VisibleToEnterprise { get; private set; }

    public string ContentType => Kind.ContentType();

    private Attachment()
    {
    }

    /// <summary>A file a user added to their draft of a request.</summary>
    public static Attachment ForDraft(
        Guid id, string userId, string? fileName, AttachmentKind kind, long size, string sha256, string storageName, DateTimeOffset now)
    {
        if (size <= 0 || size > MaxSize)
        {
            throw new DomainException(AttachmentRefusals.SizeOutOfRange, $"附件大小应在 1 字节至 {MaxSize / 1024 / 1024} MB 之间", MaxSize / 1024 / 1024);
        }
        return new Attachment
        {
            Id = id,
            DraftUserId = Require.Text(userId, 450, Fields.Uploader),
            FileName = CleanFileName(fileName, kind),
            Kind = kind,
            Size = size,
            Sha256 = sha256,
            StorageName = Require.Text(storageName, StorageNameMaxLength, Fields.StorageName),
            UploadedByUserId = userId,
            UploadedAt = now,
            VisibleToEnterprise = true,
        };
    }

    /// <summary>A file a staff member added to a message they are writing on a request.</summary>
    public static Attachment ForMessage(
        Guid id, string userId, long requestId, string? fileName, AttachmentKind kind, long size, string sha256, string storageName, DateTimeOffset now)
    {
        var attachment = ForDraft(id, userId, fileName, kind, size, sha256, storageName, now);
        attachment.DraftRequestId = requestId;
        return attachment;
    }

    /// <summary>
    /// Moves a file waiting with a message to the request, with the event the message became; the enterprise sees
    /// it only when it sees the event.
    /// </summary>
    public void SendWith(Requests.RequestEvent sent)
    {
        if (RequestId is not null || DraftRequestId is not { } requestId)
        {
            throw new DomainException(AttachmentRefusals.AlreadySent, "该附件已随其他消息发送");
        }
        RequestId = requestId;
        DraftUserId = null;
        DraftRequestId = null;
        EventSequence = sent.Sequence;
        VisibleToEnterprise = sent.VisibleToEnterprise;
    }

    /// <summary>Moves a draft's file to the request filed from the draft.</summary>
    public void FileWith(long requestId)
    {
        if (RequestId is not null)
        {
            throw new DomainException(AttachmentRefusals.AlreadyFiled, "该附件已随其他诉求提交");
        }
        RequestId = requestId;
        DraftUserId = null;
    }

    /// <summary>
    /// The user's name for the file, as a plain name: no folders, no control characters, at most
    /// <see cref="FileNameMaxLength"/> characters, and an extension that matches what the content is,
    /// so a PDF sent as "说明.exe" is offered back as "说明.pdf".
    /// </summary>
    public static string CleanFileName(string? fileName, AttachmentKind kind)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?'))]).Trim().Trim('.');
        var extension = Path.GetExtension(name);
        var matches = extension.Length > 0 && kind.Extensions().Contains(extension, StringComparer.OrdinalIgnoreCase);
        var looksLikeAnExtension = extension.Length is > 1 and <= 5 && extension[1..].All(char.IsAsciiLetterOrDigit);
        var stem = matches || looksLikeAnExtension ? name[..^extension.Length] : name;
        var keep = matches ? extension.ToLowerInvariant() : kind.Extensions()[0];
        stem = stem.Trim();
        if (stem.Length == 0)
        {
            stem = "附件";
        }
        if (stem.Length + keep.Length > FileNameMaxLength)
        {
            stem = stem[..(FileNameMaxLength - keep.Length)];
        }
        return stem + keep;
    }
}
