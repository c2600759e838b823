using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Projects;

namespace Portal.Infrastructure.Requests;

/// <summary>A category as the filing form offers it: what it covers and how long its requests may take, by urgency.</summary>
public sealed record FilingCategory(int Id, string Name, string Description, TimeLimit? ResolveNormal, TimeLimit? ResolveUrgent);

/// <summary>An enterprise a user may file for.</summary>
public sealed record FilingEnterprise(int Id, string Name);

/// <summary>What the user last typed into the form, and the files waiting with it.</summary>
/// <param name="ProjectId">The project chosen for the request: always one of the draft's enterprise the user may see, or null.</param>
public sealed record DraftContent(
    int? EnterpriseId, RequestChannel? Channel, int? CategoryId, Urgency Urgency, string Title, string Description,
    DateTimeOffset? SavedAt, IReadOnlyList<AttachmentInfo> Attachments, int? ProjectId = null);

/// <summary>What the user is told once a request is filed: its number, who takes it, and by when each step is due.</summary>
public sealed record SubmissionReceipt(string Number, string Title, string? CommissionerName, IReadOnlyList<ReceiptDeadline> Deadlines);

/// <param name="Limit">The target the deadline was counted from, as the category's policy set it.</param>
public sealed record ReceiptDeadline(DeadlineKind Kind, DateTimeOffset DueAt, bool Provisional, TimeLimit Limit);

/// <summary>
/// The filing form's side of the services: what may be chosen, the user's draft (kept on the server, one
/// per user), and the receipt after submission. The submission itself is <see cref="RequestService.SubmitAsync"/>.
/// </summary>
public sealed class RequestFiling(IDbContextFactory<PortalDbContext> contexts, AttachmentService attachments, TimeProvider time)
{
    /// <summary>The active categories: an inactive one is offered no more (its requests keep it).</summary>
    public async Task<IReadOnlyList<FilingCategory>> CategoriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = await db.RequestCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var policies = await db.TimeLimitPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return [.. categories.Select(c => new FilingCategory(
            c.Id, c.Name, c.Description,
            policies.SingleOrDefault(p => p.CategoryId == c.Id && p.Urgency == Urgency.Normal)?.Resolve,
            policies.SingleOrDefault(p => p.CategoryId == c.Id && p.Urgency == Urgency.Urgent)?.Resolve))];
    }

    /// <summary>The enterprises the user may file for: an enterprise user's own, a commissioner's assigned ones.</summary>
    public async Task<IReadOnlyList<FilingEnterprise>> EnterprisesAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var enterprises = user.Role switch
        {
            Roles.Enterprise => db.Enterprises.Where(e => e.Id == user.EnterpriseId),
            Roles.Commissioner => db.Enterprises.Where(e => e.CommissionerUserId == user.Id),
            _ => db.Enterprises.Where(_ => false),
        };
        return await enterprises.OrderBy(e => e.Id).Select(e => new FilingEnterprise(e.Id, e.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>The user's draft; an empty one when they have none.</summary>
    public async Task<DraftContent> DraftAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draft = await db.RequestDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.UserId == user.Id, cancellationToken);
        var files = await attachments.DraftAsync(user, cancellationToken);
        return draft is null
            ? new DraftContent(null, null, null, Urgency.Normal, "", "", null, files)
            : new DraftContent(draft.EnterpriseId, draft.Channel, draft.CategoryId, draft.Urgency, draft.Title, draft.Description, draft.UpdatedAt, files,
                draft.ProjectId);
    }

    /// <summary>
    /// Keeps what the user typed, valid or not; the last save wins. A project is kept only when it is one of the draft's
    /// enterprise the user may see (an enterprise user's own enterprise, a commissioner's chosen one); any other is
    /// dropped as if never chosen, so the draft never names another enterprise's project.
    /// </summary>
    public async Task SaveDraftAsync(
        PortalUser user, int? enterpriseId, RequestChannel? channel, int? categoryId, Urgency urgency, string? title, string? description,
        int? projectId = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var draft = await db.RequestDrafts.SingleOrDefaultAsync(d => d.UserId == user.Id, cancellationToken);
            if (draft is null)
            {
                draft = new RequestDraft(user.Id);
                db.RequestDrafts.Add(draft);
            }
            var projectEnterprise = user.Role == Roles.Enterprise ? user.EnterpriseId : enterpriseId;
            var project = projectId is { } chosen && projectEnterprise is { } owner
                && await ProjectService.VisibleTo(db, user).AnyAsync(p => p.Id == chosen && p.EnterpriseId == owner, cancellationToken)
                    ? projectId
                    : null;
            draft.Update(enterpriseId, channel, categoryId, urgency, title, description, project, time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (attempt == 1 && DatabaseErrors.IsUniqueViolation(e))
            {
                // Another tab of the same user created the draft first: save over it.
            }
        }
    }

    /// <summary>Throws the draft away, its files with it.</summary>
    public async Task DiscardDraftAsync(PortalUser user, CancellationToken cancellationToken = default)
    {
        foreach (var file in await attachments.DraftAsync(user, cancellationToken))
        {
            await attachments.RemoveFromDraftAsync(user, file.Id, cancellationToken);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.RequestDrafts.Where(d => d.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The receipt of a request the user may see; null outside their scope.</summary>
    public async Task<SubmissionReceipt?> ReceiptAsync(PortalUser user, string number, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.ServiceRequests.VisibleTo(db, user).AsNoTracking()
            .Include(r => r.Deadlines)
            .SingleOrDefaultAsync(r => r.Number == number, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var commissioner = request.CommissionerUserId is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        var targets = request.Targets;
        var deadlines = request.Deadlines
            .Where(d => d.IsRunning && d.Kind is DeadlineKind.Dispatch or DeadlineKind.FirstReply or DeadlineKind.Resolve)
            .OrderBy(d => d.Kind)
            .Select(d => new ReceiptDeadline(d.Kind, d.DueAt, d.Provisional, d.Kind switch
            {
                DeadlineKind.Dispatch => targets.Dispatch,
                DeadlineKind.FirstReply => targets.FirstReply,
                _ => targets.ResolveSingle,
            }))
            .ToList();
        return new SubmissionReceipt(request.Number, request.Title, commissioner, deadlines);
    }
}
