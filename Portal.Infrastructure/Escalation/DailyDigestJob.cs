using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;

namespace Portal.Infrastructure.Escalation;

/// <summary>
/// 每日简报 (DESIGN.md §4): at 08:30 on every working day of the calendar (make-up Saturdays included,
/// weekends and holidays skipped) each supervisor is told of all requests, and each cadre of their
/// enterprises': the new ones since the previous digest, those overdue and severely overdue now, and
/// those evaluated unsolved or unsatisfied since the previous digest. One digest per (day, person) by a
/// unique key; each kept for the portal and sent by e-mail to whoever has an address and something to
/// be told. Safe to run twice, on two servers, or late.
/// </summary>
public sealed class DailyDigestJob(
    IDbContextFactory<PortalDbContext> contexts,
    WorkCalendarService calendars,
    Outbox outbox,
    RequestEmailComposer links,
    TimeProvider time,
    ILogger<DailyDigestJob> logger)
{
    public const string RecurringJobId = "daily-digest";

    /// <summary>The time of day the digest is of, in the district's time.</summary>
    public static readonly TimeOnly At = new(8, 30);

    /// <summary>Every day at 08:30 (Asia/Shanghai); the job itself skips the days the calendar has off.</summary>
    public const string Cron = "30 8 * * *";

    public const string EventType = "Digest.Daily";

    private sealed record Recipient(string Id, string Role, string? Email, string DisplayName, string? PreferredCulture);

    /// <returns>How many digests this run wrote.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var today = WorkCalendar.DayOf(now);
        if (!calendar.IsWorkingDay(today))
        {
            return 0;
        }
        var until = DigestTime(today);
        var since = DigestTime(PreviousWorkingDay(calendar, today));
        var written = 0;
        foreach (var recipient in await RecipientsAsync(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                written += await WriteAsync(recipient, today, since, until, now, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One person's trouble must not keep the digest from the others; a rerun tries them again.
                logger.LogError(e, "The digest of {Day} for user {UserId} failed", today, recipient.Id);
            }
        }
        return written;
    }

    public static DateTimeOffset DigestTime(DateOnly day) => new(day.ToDateTime(At), WorkCalendar.Offset);

    /// <summary>The working day before <paramref name="day"/>; a week back at most, then simply the day before.</summary>
    public static DateOnly PreviousWorkingDay(WorkCalendar calendar, DateOnly day)
    {
        for (var back = 1; back <= 31; back++)
        {
            if (calendar.IsWorkingDay(day.AddDays(-back)))
            {
                return day.AddDays(-back);
            }
        }
        return day.AddDays(-1);
    }

    private async Task<List<Recipient>> RecipientsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where (r.Name == Roles.Supervisor || r.Name == Roles.Cadre) && u.DeactivatedAt == null
                      orderby u.Id
                      select new Recipient(u.Id, r.Name!, u.Email, u.DisplayName, u.PreferredCulture))
            .ToListAsync(cancellationToken);
    }

    /// <returns>False when this person already has today's digest (an earlier run, or another server just now).</returns>
    private async Task<bool> WriteAsync(
        Recipient recipient, DateOnly day, DateTimeOffset since, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.DailyDigests.AnyAsync(d => d.Day == day && d.UserId == recipient.Id, cancellationToken))
        {
            return false;
        }
        var visible = db.ServiceRequests.AsNoTracking().VisibleTo(db, new PortalUser(recipient.Id, recipient.Role, null, null));
        var recorded = db.OfRunningDeadlines();
        var sections = new Dictionary<DigestSection, IQueryable<ServiceRequest>>
        {
            [DigestSection.New] = visible.Where(r => r.SubmittedAt >= since && r.SubmittedAt < until),
            [DigestSection.SeverelyOverdue] = visible.Where(r => recorded.Any(e => e.RequestId == r.Id && e.Level == EscalationLevel.SeverelyOverdue)),
            [DigestSection.Unsatisfied] = visible.Where(r => r.Timeline.Any(e =>
                (e.Action == RequestAction.Evaluate || e.Action == RequestAction.RecordFollowUpEvaluation)
                && e.At >= since && e.At < until
                && (e.Solved == false || e.Satisfaction == Satisfaction.Unsatisfied))),
        };
        // Overdue: past a running deadline, and not already listed as severely overdue.
        sections[DigestSection.Overdue] = visible.Where(r => recorded.Any(e => e.RequestId == r.Id && e.Level == EscalationLevel.Overdue))
            .Where(r => !sections[DigestSection.SeverelyOverdue].Any(s => s.Id == r.Id));

        var counts = new Dictionary<DigestSection, int>();
        var items = new List<DigestItem>();
        foreach (var section in Enum.GetValues<DigestSection>())
        {
            counts[section] = await sections[section].CountAsync(cancellationToken);
            items.AddRange((await (from r in sections[section]
                                   join e in db.Enterprises on r.EnterpriseId equals e.Id
                                   orderby r.Id
                                   select new { r.Number, r.Title, Enterprise = e.Name })
                    .Take(DailyDigest.ItemsPerSection).ToListAsync(cancellationToken))
                .Select(r => new DigestItem(section, r.Number, r.Title, r.Enterprise)));
        }
        var digest = new DailyDigest(day, recipient.Id, since, until, now, counts, items);
        db.DailyDigests.Add(digest);
        Guid? sent = null;
        if (!digest.IsEmpty && !string.IsNullOrWhiteSpace(recipient.Email))
        {
            sent = AddEmail(db, digest, recipient);
            digest.SentAs(sent.Value);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsLostRace(e))
        {
            logger.LogDebug("The digest of {Day} for user {UserId} was written by another run", day, recipient.Id);
            return false;
        }
        if (sent is { } id)
        {
            outbox.DeliverSoon([id]);
        }
        return true;
    }

    /// <summary>The digest's e-mail in the outbox; one that cannot be composed is kept as a plain failed row to retry.</summary>
    private Guid AddEmail(PortalDbContext db, DailyDigest digest, Recipient recipient)
    {
        var day = digest.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var link = links.LinkToPage($"digests/{day}").ToString();
        try
        {
            return outbox.Add(db, Compose(digest, recipient, day, link));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var fallback = new OutgoingEmail(recipient.Id, recipient.Email, recipient.DisplayName, $"【有求必应】每日简报 {day}", $"{link}\r\n", null, EventType);
            return outbox.AddCompositionFailure(db, fallback, e);
        }
    }

    private static OutgoingEmail Compose(DailyDigest digest, Recipient recipient, string day, string link)
    {
        var culture = NotificationText.Language(recipient.PreferredCulture ?? NotificationText.Languages[0]);
        var lines = new List<string>
        {
            NotificationText.Format(recipient.Role == Roles.Cadre ? "Digest.IntroCadre" : "Digest.Intro", culture, day),
        };
        foreach (var section in Enum.GetValues<DigestSection>())
        {
            var count = digest.CountOf(section);
            lines.Add("");
            lines.Add(NotificationText.Format($"Digest.{section}", culture, count));
            lines.AddRange(digest.Items.Where(i => i.Section == section)
                .Select(i => NotificationText.Format("Digest.Item", culture, i.RequestNumber, i.Title, i.Enterprise)));
            if (count > DailyDigest.ItemsPerSection)
            {
                lines.Add(NotificationText.Format("Digest.More", culture, count - DailyDigest.ItemsPerSection));
            }
        }
        var (text, html) = EmailBody.Write(culture, recipient.DisplayName, lines, link, "Digest.Link");
        var subject = NotificationText.Format("Digest.Subject", culture, day, digest.NewCount, digest.OverdueCount,
            digest.SeverelyOverdueCount, digest.UnsatisfiedCount);
        return new OutgoingEmail(recipient.Id, recipient.Email, recipient.DisplayName, subject, text, html, EventType);
    }
}
