using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Portal.Domain.Attachments;
using Portal.Infrastructure.Attachments;
using Portal.Web.Resources;
using Portal.Web.Shared;

namespace Portal.Web.Features.Attachments;

/// <summary>
/// Stores the files a user chose in a file field, one at a time, as the filing form and the staff's message dialogs both
/// do: a file the portal would refuse anyway (too many, too large) is not sent; each refusal becomes a line naming the
/// file; the files already stored stay.
/// </summary>
public static class FileUploads
{
    /// <summary>The file field's <c>accept</c>: the extensions of every kind the portal takes (it checks the content anyway).</summary>
    public static readonly string Accept = string.Join(",", Enum.GetValues<AttachmentKind>().SelectMany(kind => kind.Extensions()));

    /// <param name="store">Stores one file under the user's name for it; null when the place it was meant for is gone.</param>
    /// <param name="uploading">Told the name of the file being sent, and null when it is done, so the form can say so.</param>
    public static async Task AddAsync(
        InputFileChangeEventArgs chosen, ICollection<AttachmentInfo> files, ICollection<string> errors,
        Func<string, Stream, Task<AttachmentInfo?>> store, Action<string?> uploading,
        IStringLocalizer<FilingResource> text, ILogger log)
    {
        errors.Clear();
        foreach (var file in chosen.GetMultipleFiles(maximumFileCount: 100))
        {
            if (files.Count >= Attachment.MaxPerFiling)
            {
                errors.Add(text["Error.TooManyFiles", file.Name, Attachment.MaxPerFiling]);
                continue;
            }
            if (file.Size > Attachment.MaxSize)
            {
                errors.Add(TooLarge(text, file));
                continue;
            }
            uploading(file.Name);
            try
            {
                await using var content = file.OpenReadStream(Attachment.MaxSize);
                if (await store(file.Name, content) is { } added)
                {
                    files.Add(added);
                }
            }
            catch (AttachmentRejectedException rejected)
            {
                errors.Add(rejected.Problem switch
                {
                    AttachmentProblem.TooLarge => TooLarge(text, file),
                    AttachmentProblem.TooMany => text["Error.TooManyFiles", file.Name, Attachment.MaxPerFiling],
                    AttachmentProblem.Empty => text["Error.FileEmpty", file.Name],
                    _ => text["Error.FileType", file.Name],
                });
            }
            catch (IOException failure)
            {
                log.LogWarning(failure, "Reading the upload {FileName} failed", file.Name);
                errors.Add(text["Error.FileUnreadable", file.Name]);
            }
            finally
            {
                uploading(null);
            }
        }
    }

    private static string TooLarge(IStringLocalizer<FilingResource> text, IBrowserFile file) =>
        text["Error.FileTooLarge", file.Name, FileSizes.Format(file.Size), Attachment.MaxSize / 1024 / 1024];
}
