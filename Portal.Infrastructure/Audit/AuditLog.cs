using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Audit;

/// <summary>What the audit list is filtered by; every part optional. Dates are days in the district (UTC+8), both inclusive.</summary>
/// <param name="User">Part of the e-mail of whoever acted or was acted on.</param>
public sealed record AuditQuery(string? User = null, string? Kind = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>An entry as the list and the CSV export show it.</summary>
public sealed record AuditRow(
    long Id, DateTimeOffset At, string ActorName, string Kind, string SubjectType, string SubjectLabel,
    string? Before, string? After, string? IpAddress);

/// <summary>One page of entries, newest first; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record AuditListPage(IReadOnlyList<AuditRow> Rows, long? Next);

/// <summary>
/// Writes and reads the append-only audit log. A change is recorded in the caller's context, so the
/// entry is saved in the same transaction as the change: <c>await audit.RecordAsync(db, admin, kind, subject, before, after);</c>
/// before the caller's <c>SaveChangesAsync</c>. There is no way to change or delete an entry.
/// </summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> contexts, TimeProvider time)
{
    public const int DefaultPageSize = 50;
    private const int ExportBatchSize = 500;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Adds an entry for a change <paramref name="actor"/> made, to be saved with it by the caller.</summary>
    /// <param name="before">The subject's state before (any object, written as JSON); null for a creation.</param>
    /// <param name="after">The state after; null when nothing remains to show.</param>
    public async Task RecordAsync(PortalDbContext db, PortalUser actor, string kind, AuditSubject subject, object? before, object? after,
        CancellationToken cancellationToken = default)
    {
        var name = await db.Users.Where(u => u.Id == actor.Id).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        db.Add(new AuditEntry(time.GetUtcNow(), actor.Id, name ?? actor.Id, kind, subject.Type, subject.Id, subject.Label,
            ToJson(before), ToJson(after), ipAddress: null));
    }

    /// <summary>Records a sign-in attempt on its own: nothing else is saved with it.</summary>
    /// <param name="userId">The account tried, or null when no account has the e-mail typed.</param>
    public async Task RecordSignInAsync(string kind, string? userId, string emailTyped, string? ipAddress, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(new AuditEntry(time.GetUtcNow(), userId, emailTyped, kind, "User", userId ?? "", emailTyped, null, null, ipAddress));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One page of the entries <paramref name="query"/> selects, newest first, after the cursor <paramref name="after"/>.</summary>
    public async Task<AuditListPage> SearchAsync(PortalUser reader, AuditQuery query, long? after, int pageSize = DefaultPageSize,
        CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(reader);
        pageSize = Math.Clamp(pageSize, 1, 500);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await Page(Filter(db, query), after, pageSize + 1).ToListAsync(cancellationToken);
        return new AuditListPage(rows.Take(pageSize).ToList(), rows.Count > pageSize ? rows[pageSize - 1].Id : null);
    }

    /// <summary>Every entry <paramref name="query"/> selects, newest first, read in batches: what the CSV export writes.</summary>
    public async IAsyncEnumerable<AuditRow> ExportAsync(PortalUser reader, AuditQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(reader);
        long? after = null;
        while (true)
        {
            List<AuditRow> batch;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                batch = await Page(Filter(db, query), after, ExportBatchSize).ToListAsync(cancellationToken);
            }
            foreach (var row in batch)
            {
                yield return row;
            }
            if (batch.Count < ExportBatchSize)
            {
                yield break;
            }
            after = batch[^1].Id;
        }
    }

    /// <summary>The entries of one subject (a user's history), newest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> OfSubjectAsync(PortalUser reader, string subjectType, string subjectId, int take = 50,
        CancellationToken cancellationToken = default)
    {
        AdminOnly.Require(reader);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Page(db.Set<AuditEntry>().Where(e => e.SubjectType == subjectType && e.SubjectId == subjectId), null, take)
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<AuditEntry> Filter(PortalDbContext db, AuditQuery query)
    {
        var entries = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var term = query.User.Trim().ToLowerInvariant();
            entries = entries.Where(e => e.ActorName.ToLower().Contains(term) || e.SubjectLabel.ToLower().Contains(term));
        }
        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            var kind = query.Kind;
            entries = entries.Where(e => e.Kind == kind);
        }
        if (query.From is { } from)
        {
            var start = WorkCalendar.StartOfDay(from);
            entries = entries.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = WorkCalendar.StartOfDay(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }
        return entries;
    }

    private static IQueryable<AuditRow> Page(IQueryable<AuditEntry> entries, long? after, int take)
    {
        if (after is { } cursor)
        {
            entries = entries.Where(e => e.Id < cursor);
        }
        return entries.OrderByDescending(e => e.Id).Take(take)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.Kind, e.SubjectType, e.SubjectLabel, e.Before, e.After, e.IpAddress));
    }

    private static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Json);
}
