using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Tests.Support;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Infrastructure.Escalation;

/// <summary>
/// 每日简报 with a fake clock: at 08:30 on working days only (make-up Saturdays included), one per person,
/// the supervisors of everything and each cadre of their enterprises, by e-mail to whoever has an address.
/// The demo requests are 创普斯's, whose cadre is 陈建国 (cadre@); 周立群 (cadre2@) guarantees others.
/// </summary>
public class DailyDigestJobTests
{
    private const string Supervisor = "supervisor@yqby.test";
    private const string Cadre = "cadre@yqby.test";
    private const string OtherCadre = "cadre2@yqby.test";

    private static async Task<int> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyDigestJob>().RunAsync(CancellationToken.None);
    }

    private sealed record Digest(string Email, DateOnly Day, int New, int Overdue, int Severe, int Unsatisfied, string[] Items, bool Emailed);

    private static Task<List<Digest>> DigestsAsync(SeededPortal portal) => portal.QueryAsync(async db =>
        (await (from d in db.DailyDigests.Include(d => d.Items)
                join u in db.Users on d.UserId equals u.Id
                select new { u.Email, Digest = d }).ToListAsync())
        .Select(x => new Digest(x.Email!, x.Digest.Day, x.Digest.NewCount, x.Digest.OverdueCount, x.Digest.SeverelyOverdueCount,
            x.Digest.UnsatisfiedCount, [.. x.Digest.Items.Select(i => $"{i.Section} {i.RequestNumber}").Order(StringComparer.Ordinal)],
            x.Digest.OutboxMessageId is not null))
        .OrderBy(d => d.Day).ThenBy(d => d.Email, StringComparer.Ordinal)
        .ToList());

    private static Task<List<string>> DigestEmailsAsync(SeededPortal portal) =>
        portal.QueryAsync(async db => (await db.OutboxMessages.Where(m => m.EventType == DailyDigestJob.EventType)
            .Select(m => m.RecipientAddress!).ToListAsync()).Order(StringComparer.Ordinal).ToList());

    private static DateTimeOffset At(int month, int day, int hour = 8, int minute = 30) =>
        new(2026, month, day, hour, minute, 0, WorkCalendar.Offset);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OnAWorkingMorning_EachSupervisorAndCadre_IsToldOnce_OfNewOverdueAndUnsatisfied_InTheirScope(DatabaseProvider provider)
    {
        var staged = await EscalationJobTests.StagedAsync(provider);
        await using var _ = staged.Portal;
        // Monday 09:00 on: one request left waiting for dispatch, one resolved and then evaluated unsatisfied.
        var (waiting, _) = await staged.StageAsync(Stage.Submitted);
        var (resolved, version) = await staged.StageAsync(Stage.Resolved);
        var enterprise = await staged.Portal.UserAsync("enterprise@yqby.test");
        await staged.Portal.RequestsAsync(s => s.EvaluateAsync(enterprise, resolved!, version, true, Satisfaction.Unsatisfied, "答复敷衍"));

        // Tuesday 08:30: the waiting request's dispatch deadline (Monday 11:01) is overdue, not yet severely.
        staged.Time.SetUtcNow(At(3, 3));
        await EscalationJobTests.ScanAsync(staged.Portal.Services);
        Assert.Equal(3, await RunAsync(staged.Portal.Services));
        Assert.Equal(0, await RunAsync(staged.Portal.Services));

        var tuesday = new DateOnly(2026, 3, 3);
        var everything = new[] { $"New {resolved}", $"New {waiting}", $"Overdue {waiting}", $"Unsatisfied {resolved}" }.Order(StringComparer.Ordinal).ToArray();
        var digests = await DigestsAsync(staged.Portal);
        Assert.Equal(3, digests.Count);
        Assert.Equal(new Digest(OtherCadre, tuesday, 0, 0, 0, 0, [], false), digests[0], DigestComparer);
        Assert.Equal(new Digest(Cadre, tuesday, 2, 1, 0, 1, everything, true), digests[1], DigestComparer);
        Assert.Equal(new Digest(Supervisor, tuesday, 2, 1, 0, 1, everything, true), digests[2], DigestComparer);
        Assert.Equal([Cadre, Supervisor], await DigestEmailsAsync(staged.Portal));
        var email = await staged.Portal.QueryAsync(db => db.OutboxMessages.FirstAsync(m => m.EventType == DailyDigestJob.EventType && m.RecipientAddress == Supervisor));
        Assert.Contains("新增 2，超期 1，严重超期 0，不满意 1", email.Subject);
        Assert.Contains(waiting!, email.TextBody);
        Assert.Contains("/digests/2026-03-03", email.TextBody);

        // Wednesday: nothing new since Tuesday's digest, the waiting request now severely overdue.
        staged.Time.SetUtcNow(At(3, 4));
        await EscalationJobTests.ScanAsync(staged.Portal.Services);
        Assert.Equal(3, await RunAsync(staged.Portal.Services));
        var wednesday = (await DigestsAsync(staged.Portal)).Where(d => d.Day == new DateOnly(2026, 3, 4) && d.Email == Supervisor);
        Assert.Equal(new Digest(Supervisor, new DateOnly(2026, 3, 4), 0, 0, 1, 0, [$"SeverelyOverdue {waiting}"], true), Assert.Single(wednesday), DigestComparer);
    }

    [Fact]
    public async Task TheDigest_SkipsWeekendsAndHolidays_AndRunsOnMakeUpWorkingDays_CountingFromThePreviousWorkingDay()
    {
        var time = new FakeTimeProvider(At(2, 1));
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, s => s.AddSingleton<TimeProvider>(time), demoData: true);

        // Saturday 2026-02-14 and 2026-02-28 are worked (春节 调休), and so are Sunday 09-20 and Saturday 10-10 (国庆节).
        var mornings = new[]
        {
            (At(2, 14), true), (At(2, 16), false), (At(2, 24), true), (At(2, 28), true), (At(3, 7), false), (At(3, 8), false),
            (At(9, 20), true), (At(10, 1), false), (At(10, 7), false), (At(10, 10), true),
        };
        foreach (var (morning, working) in mornings)
        {
            time.SetUtcNow(morning);
            Assert.Equal(working ? 3 : 0, await RunAsync(portal.Services));
        }
        var windows = await portal.QueryAsync(db => db.DailyDigests
            .GroupBy(d => d.Day).Select(g => new { Day = g.Key, g.First().Since }).ToListAsync());
        Assert.Equal(
            [
                (new DateOnly(2026, 2, 14), At(2, 13)),
                // The Tuesday after the holiday counts from the make-up Saturday before it.
                (new DateOnly(2026, 2, 24), At(2, 14)),
                (new DateOnly(2026, 2, 28), At(2, 27)),
                (new DateOnly(2026, 9, 20), At(9, 18)),
                (new DateOnly(2026, 10, 10), At(10, 9)),
            ],
            windows.OrderBy(w => w.Day).Select(w => (w.Day, w.Since)));
    }

    [Fact]
    public async Task ACadreWithoutAnEmailAddress_IsToldInThePortalOnly_AndADeactivatedSupervisorNotAtAll()
    {
        var staged = await EscalationJobTests.StagedAsync(DatabaseProvider.Sqlite);
        await using var _ = staged.Portal;
        await staged.StageAsync(Stage.Submitted);
        var cadreId = (await staged.Portal.UserAsync(Cadre)).Id;
        await staged.Portal.QueryAsync(async db =>
        {
            var cadre = await db.Users.SingleAsync(u => u.Email == Cadre);
            cadre.Email = null;
            var supervisor = await db.Users.SingleAsync(u => u.Email == Supervisor);
            supervisor.Deactivate(At(3, 2, 12));
            return await db.SaveChangesAsync();
        });

        staged.Time.SetUtcNow(At(3, 3));
        Assert.Equal(2, await RunAsync(staged.Portal.Services));

        var digests = await staged.Portal.QueryAsync(db => db.DailyDigests.Select(d => new { d.UserId, d.NewCount, d.OutboxMessageId }).ToListAsync());
        var cadreDigest = Assert.Single(digests, d => d.UserId == cadreId);
        Assert.Equal(1, cadreDigest.NewCount);
        Assert.Null(cadreDigest.OutboxMessageId);
        Assert.Empty(await DigestEmailsAsync(staged.Portal));
    }

    private static readonly IEqualityComparer<Digest> DigestComparer = EqualityComparer<Digest>.Create(
        (a, b) => a!.Email == b!.Email && a.Day == b.Day && a.New == b.New && a.Overdue == b.Overdue && a.Severe == b.Severe
            && a.Unsatisfied == b.Unsatisfied && a.Items.SequenceEqual(b.Items) && a.Emailed == b.Emailed,
        d => HashCode.Combine(d.Email, d.Day));
}
