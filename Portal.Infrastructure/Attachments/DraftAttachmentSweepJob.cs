using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Infrastructure.Data;

namespace Portal.Infrastructure.Attachments;

/// <summary>What one sweep removed: the abandoned drafts' files (rows and files), and stored files no row names.</summary>
public sealed record AttachmentSweep(int DraftFiles, int UnreferencedFiles);

/// <summary>
/// Removes what a draft left behind. A draft's files are abandoned once their user has not touched the draft — saved
/// its text or added a file — for <see cref="AbandonedAfter"/>: all of that user's unfiled files go, row and file, so a
/// draft never comes back with half its files. Also removed: files in the store that no row names (an upload whose row
/// was never written, a removal whose file delete failed) and temporary uploads, once as old. Safe to run twice or
/// beside a submission: a row is deleted only while it is still a draft's, and its file only after its row.
/// </summary>
public sealed partial class DraftAttachmentSweepJob(
    IDbContextFactory<PortalDbContext> contexts, AttachmentStore store, TimeProvider time, ILogger<DraftAttachmentSweepJob> logger)
{
    public const string RecurringJobId = "draft-attachment-sweep";

    /// <summary>Every night at 03:15 in the district's time.</summary>
    public const string Cron = "15 3 * * *";

    /// <summary>A week: long enough for someone to come back to a form after a weekend or a business trip.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(7);

    private const int BatchSize = 500;

    public async Task<AttachmentSweep> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - AbandonedAfter;
        var draftFiles = await SweepAbandonedDraftsAsync(cutoff, cancellationToken);
        var unreferenced = await SweepUnreferencedFilesAsync(cutoff, cancellationToken);
        if (draftFiles > 0 || unreferenced > 0)
        {
            logger.LogInformation("Swept {DraftFiles} abandoned draft files and {Unreferenced} unreferenced stored files", draftFiles, unreferenced);
        }
        return new AttachmentSweep(draftFiles, unreferenced);
    }

    private async Task<int> SweepAbandonedDraftsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var swept = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var abandoned = await db.Attachments
                .Where(a => a.RequestId == null && a.DraftUserId != null && a.UploadedAt < cutoff
                    && !db.Attachments.Any(b => b.DraftUserId == a.DraftUserId && b.UploadedAt >= cutoff)
                    && !db.RequestDrafts.Any(d => d.UserId == a.DraftUserId && d.UpdatedAt >= cutoff))
                .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.StorageName })
                .Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var file in abandoned)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Filed meanwhile: the row now belongs to a request and stays.
                var deleted = await db.Attachments.Where(a => a.Id == file.Id && a.RequestId == null).ExecuteDeleteAsync(cancellationToken);
                if (deleted == 1)
                {
                    store.Delete(file.StorageName);
                    swept++;
                }
            }
            if (abandoned.Count < BatchSize)
            {
                return swept;
            }
        }
    }

    private async Task<int> SweepUnreferencedFilesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(store.Root))
        {
            return 0;
        }
        var swept = 0;
        var incoming = Path.Combine(store.Root, "incoming");
        if (Directory.Exists(incoming))
        {
            foreach (var part in Directory.EnumerateFiles(incoming, "*.part").Where(f => IsOlder(f, cutoff)).ToList())
            {
                File.Delete(part);
                swept++;
            }
        }
        var old = Directory.EnumerateDirectories(store.Root)
            .Where(d => ShardPattern().IsMatch(Path.GetFileName(d)))
            .SelectMany(d => Directory.EnumerateFiles(d).Where(f => NamePattern().IsMatch(Path.GetFileName(f))))
            .Where(f => IsOlder(f, cutoff))
            .Select(f => $"{Path.GetFileName(Path.GetDirectoryName(f))}/{Path.GetFileName(f)}");
        foreach (var batch in old.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var known = await db.Attachments.Where(a => batch.Contains(a.StorageName)).Select(a => a.StorageName).ToListAsync(cancellationToken);
            foreach (var name in batch.Except(known))
            {
                store.Delete(name);
                swept++;
            }
        }
        return swept;
    }

    private static bool IsOlder(string path, DateTimeOffset cutoff) => File.GetLastWriteTimeUtc(path) < cutoff.UtcDateTime;

    [GeneratedRegex("^[0-9a-f]{2}$")]
    private static partial Regex ShardPattern();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex NamePattern();
}
