using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Portal.Domain.Attachments;

namespace Portal.Infrastructure.Attachments;

/// <summary><c>Attachments:*</c>: where uploaded files are kept.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>
    /// The folder of the files, relative to the content root unless absolute; never under the web root,
    /// so no file is ever served except through the authorised download. Several nodes must share it.
    /// </summary>
    public string Directory { get; set; } = "App_Data/attachments";
}

/// <summary>A file taken into the store: under what name, how big, of what kind, with what hash.</summary>
public sealed record StoredFile(string StorageName, long Size, AttachmentKind Kind, string Sha256);

public enum AttachmentProblem
{
    /// <summary>Larger than <see cref="Attachment.MaxSize"/>.</summary>
    TooLarge,

    /// <summary>Not a PDF, image, Word or Excel file, whatever its name says.</summary>
    UnsupportedType,

    /// <summary>The filing already has <see cref="Attachment.MaxPerFiling"/> files.</summary>
    TooMany,

    Empty,
}

/// <summary>A file the portal would not keep, and why; nothing of it was stored.</summary>
public sealed class AttachmentRejectedException(AttachmentProblem problem) : Exception(problem switch
{
    AttachmentProblem.TooLarge => $"附件不能超过 {Attachment.MaxSize / 1024 / 1024} MB",
    AttachmentProblem.UnsupportedType => "只能上传 PDF、图片（PNG、JPEG、GIF）、Word 或 Excel 文件",
    AttachmentProblem.TooMany => $"一件诉求最多上传 {Attachment.MaxPerFiling} 个附件",
    AttachmentProblem.Empty => "附件是空文件",
    _ => problem.ToString(),
})
{
    public AttachmentProblem Problem { get; } = problem;
}

/// <summary>
/// The files themselves, in a folder of their own under names the portal generates (two hex characters
/// of fan-out, then a random 128-bit name): a user's file name never reaches the file system. A file is
/// written under a temporary name and renamed into place once it is whole and its kind is known.
/// </summary>
public sealed partial class AttachmentStore(IOptions<AttachmentOptions> options)
{
    public string Root { get; } = Path.GetFullPath(options.Value.Directory);

    /// <summary>Copies <paramref name="content"/> in, refusing it (and keeping nothing) when too large, empty or of a kind not accepted.</summary>
    public async Task<StoredFile> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        var incoming = Path.Combine(Root, "incoming");
        Directory.CreateDirectory(incoming);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var temporary = Path.Combine(incoming, id + ".part");
        try
        {
            long size;
            string sha256;
            AttachmentKind? kind;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > Attachment.MaxSize)
                    {
                        throw new AttachmentRejectedException(AttachmentProblem.TooLarge);
                    }
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                if (size == 0)
                {
                    throw new AttachmentRejectedException(AttachmentProblem.Empty);
                }
                await file.FlushAsync(cancellationToken);
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
                kind = FileTypeSniffer.Detect(file);
            }
            if (kind is not { } known)
            {
                throw new AttachmentRejectedException(AttachmentProblem.UnsupportedType);
            }
            var storageName = $"{id[..2]}/{id}";
            var final = PathOf(storageName);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temporary, final);
            return new StoredFile(storageName, size, known, sha256);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Stream OpenRead(string storageName) =>
        new FileStream(PathOf(storageName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string storageName) => File.Delete(PathOf(storageName));

    /// <summary>Where a stored file lives; only names the store generated are accepted, so no name reaches outside <see cref="Root"/>.</summary>
    public string PathOf(string storageName) =>
        StorageNamePattern().IsMatch(storageName)
            ? Path.Combine(Root, storageName[..2], storageName[3..])
            : throw new ArgumentException($"'{storageName}' is not a storage name.", nameof(storageName));

    [GeneratedRegex("^[0-9a-f]{2}/[0-9a-f]{32}$")]
    private static partial Regex StorageNamePattern();
}
