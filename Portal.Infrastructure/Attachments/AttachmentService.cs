using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Attachments;
using Portal.Domain.Identity;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Attachments;

/// <summary>An attachment as lists show it; <see cref="EventSequence"/> is the timeline event it came with, null when filed with the request.</summary>
public sealed record AttachmentInfo(Guid Id, string FileName, AttachmentKind Kind, long Size, DateTimeOffset UploadedAt, int? EventSequence = null);

/// <summary>A file to send: its name, type and length, and its content (the caller disposes it).</summary>
public sealed record AttachmentDownload(string FileName, string ContentType, long Size, Stream Content);

/// <summary>
/// Files of requests and of drafts. A draft's files are its user's alone; a request's files are seen by
/// whoever may see the request (<see cref="RequestScope"/>), the enterprise only those marked for it.
/// Outside that, a file does not exist.
/// </summary>
public sealed class AttachmentService(IDbContextFactory<PortalDbContext> contexts, AttachmentStore store, TimeProvider time)
{
    /// <summary>Takes a file into the user's draft; refused when the draft is full, or the file too large, empty or of a kind not accepted.</summary>
    public async Task<AttachmentInfo> AddToDraftAsync(PortalUser user, string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        if (user.Role is not (Roles.Enterprise or Roles.Commissioner))
        {
            throw new DomainException(AttachmentRefusals.RoleCannotFile, "您的角色不能提交诉求");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Attachments.CountAsync(a => a.DraftUserId == user.Id && a.DraftRequestId == null, cancellationToken) >= Attachment.MaxPerFiling)
        {
            throw new AttachmentRejectedException(AttachmentProblem.TooMany);
        }
        return await KeepAsync(db, content, stored => Attachment.ForDraft(
            Guid.NewGuid(), user.Id, fileName, stored.Kind, stored.Size, stored.Sha256, stored.StorageName, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Stores the content and adds its row; a row that cannot be saved takes its file with it.</summary>
    private async Task<AttachmentInfo> KeepAsync(
        PortalDbContext db, Stream content, Func<StoredFile, Attachment> row, CancellationToken cancellationToken)
    {
        var stored = await store.SaveAsync(content, cancellationToken);
        try
        {
            var attachment = row(stored);
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(cancellationToken);
            return Info(attachment);
        }
        catch
        {
            store.Delete(stored.StorageName);
            throw;
        }
    }

    public async Task<IReadOnlyList<AttachmentInfo>> DraftAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Attachments.AsNoTracking().Where(a => a.DraftUserId == user.Id && a.DraftRequestId == null).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(Info)];
    }

    /// <summary>
    /// Takes a file into a message a staff member is writing on a request (a reply, a note, a resolution); it goes
    /// with the message when it is sent (<see cref="Attachment.SendWith"/>). Null when the request is outside the
    /// user's scope; refused for the enterprise and when the message already carries as many files as a filing may.
    /// </summary>
    public async Task<AttachmentInfo?> AddToMessageAsync(
        PortalUser user, string number, string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        if (user.Role is not (Roles.Commissioner or Roles.DepartmentHandler or Roles.Supervisor or Roles.Cadre))
        {
            throw new DomainException(AttachmentRefusals.RoleCannotSend, "您的角色不能在诉求上发送附件");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requestId = await VisibleRequestIdAsync(db, user, number, cancellationToken);
        if (requestId is null)
        {
            return null;
        }
        if (await db.Attachments.CountAsync(a => a.DraftUserId == user.Id && a.DraftRequestId == requestId, cancellationToken) >= Attachment.MaxPerFiling)
        {
            throw new AttachmentRejectedException(AttachmentProblem.TooMany);
        }
        return await KeepAsync(db, content, stored => Attachment.ForMessage(
            Guid.NewGuid(), user.Id, requestId.Value, fileName, stored.Kind, stored.Size, stored.Sha256, stored.StorageName, time.GetUtcNow()),
            cancellationToken);
    }

    /// <summary>The files waiting with the user's message on a request, oldest first; empty outside their scope.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>> MessageDraftAsync(PortalUser user, string number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requestId = await VisibleRequestIdAsync(db, user, number, cancellationToken);
        if (requestId is null)
        {
            return [];
        }
        var rows = await db.Attachments.AsNoTracking()
            .Where(a => a.DraftUserId == user.Id && a.DraftRequestId == requestId).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(Info)];
    }

    /// <summary>Removes a file from the user's draft; false when their draft has no such file.</summary>
    public async Task<bool> RemoveFromDraftAsync(PortalUser user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == id && a.DraftUserId == user.Id, cancellationToken);
        if (attachment is null)
        {
            return false;
        }
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(cancellationToken);
        store.Delete(attachment.StorageName);
        return true;
    }

    /// <summary>The files of a request this user may see, oldest first; null when the request is outside their scope.</summary>
    public async Task<IReadOnlyList<AttachmentInfo>?> ForRequestAsync(PortalUser user, string number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requestId = await VisibleRequestIdAsync(db, user, number, cancellationToken);
        if (requestId is null)
        {
            return null;
        }
        var staff = user.Role != Roles.Enterprise;
        var rows = await db.Attachments.AsNoTracking()
            .Where(a => a.RequestId == requestId && (staff || a.VisibleToEnterprise))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(Info)];
    }

    /// <summary>The file to send to this user; null when it does not exist or they may not see it.</summary>
    public async Task<AttachmentDownload?> OpenAsync(PortalUser user, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = user.Role != Roles.Enterprise;
        var visibleRequests = db.ServiceRequests.VisibleTo(db, user).Select(r => r.Id);
        var attachment = await db.Attachments.AsNoTracking()
            .Where(a => a.Id == id)
            .Where(a => a.DraftUserId == user.Id
                || (a.RequestId != null && visibleRequests.Contains(a.RequestId.Value) && (staff || a.VisibleToEnterprise)))
            .SingleOrDefaultAsync(cancellationToken);
        if (attachment is null)
        {
            return null;
        }
        return new AttachmentDownload(attachment.FileName, attachment.ContentType, attachment.Size, store.OpenRead(attachment.StorageName));
    }

    private static Task<long?> VisibleRequestIdAsync(PortalDbContext db, PortalUser user, string number, CancellationToken cancellationToken) =>
        db.ServiceRequests.VisibleTo(db, user).Where(r => r.Number == number).Select(r => (long?)r.Id).SingleOrDefaultAsync(cancellationToken);

    internal static AttachmentInfo Info(Attachment a) => new(a.Id, a.FileName, a.Kind, a.Size, a.UploadedAt, a.EventSequence);
}
