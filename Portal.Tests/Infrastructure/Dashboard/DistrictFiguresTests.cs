using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Infrastructure.Requests;
using Portal.Tests.Domain.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Infrastructure.Dashboard;

/// <summary>
/// The figures over a set of requests built by hand, each figure's answer worked out below from the definitions
/// (README "Figures"), for March 2026 and the February before it, on both databases.
/// </summary>
public class DistrictFiguresTests
{
    /// <summary>Wednesday 25 March 2026, noon: every deadline of the set due in March has passed but L's sign deadline.</summary>
    public static readonly DateTimeOffset Now = At(3, 25, 12);

    private static readonly ReportingPeriod March = ReportingPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 3, 1));

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, WorkCalendar.Offset);

    private static readonly PortalUser Supervisor = new("supervisor", Roles.Supervisor);

    /// <summary>
    /// The set, numbered A to L (the number's last digits): which deadline and event each adds to which figure is noted
    /// beside it. Departments: the lead (2) and the other (4).
    /// </summary>
    private static List<ServiceRequest> Requests()
    {
        var number = 0;
        RequestBuilder New(DateTimeOffset at) => Submitted(at, number: $"YQBY-20260302-{++number:D4}");
        RequestBuilder Disputed(Satisfaction third) => New(At(3, 2, 9)).Dispatched().Signed()
            .Resolved().Evaluated(false, Satisfaction.Unsatisfied)
            .Resolved().Evaluated(false, Satisfaction.Unsatisfied)
            .Resolved().Evaluated(false, third);
        return
        [
            // A: signed in time, resolved in time, solved and satisfied.
            New(At(3, 2, 9)).Dispatched().Signed().Next(At(3, 4, 10)).Resolved().Next(At(3, 5, 10)).Evaluated(true, Satisfaction.Satisfied).Request,
            // B: never signed: its sign (due 3 March) and resolve (due 16 March) deadlines run past due, late.
            New(At(3, 2, 9)).Dispatched().Request,
            // C: returned before its sign deadline (not counted), then withdrawn after the resolve deadline (late, no department).
            New(At(3, 2, 9)).Dispatched()
                .Do((r, now) => r.ReturnToDispatcher(LeadHandler, ReturnReason.NotOurResponsibility, null, Days, now))
                .Next(At(3, 20, 10)).Do((r, now) => r.Withdraw(EnterpriseUser, null, Days, now)).Request,
            // D: withdrawn the next day, before any deadline: received, and nothing else.
            New(At(3, 2, 9)).Next(At(3, 3, 10)).Do((r, now) => r.Withdraw(EnterpriseUser, null, Days, now)).Request,
            // E: extended by 3 working days (the first deadline replaced), resolved in time, then reopened (its new round is due in April).
            New(At(3, 2, 9)).Dispatched().Signed()
                .Do((r, now) => r.RequestExtension(LeadHandler, 5, "需现场踏勘", Days, now))
                .Do((r, now) => r.ApproveExtension(RequestBuilder.Supervisor, 3, Days, now))
                .Next(At(3, 18, 10)).Resolved().Next(At(3, 19, 10)).Evaluated(false, Satisfaction.Unsatisfied).Request,
            // F (February): signed late, resolved in time, solved and basically satisfied.
            New(At(2, 2, 9)).Dispatched().Next(At(2, 4, 10)).Signed().Next(At(2, 10, 10)).Resolved()
                .Next(At(2, 11, 10)).Evaluated(true, Satisfaction.BasicallySatisfied).Request,
            // G: three rounds in time, the third unsatisfied evaluation disputed and overturned: not counted in 满意率.
            Disputed(Satisfaction.Unsatisfied).Do((r, now) => r.ReviewDispute(RequestBuilder.Supervisor, false, "企业诉求超出政策范围", Days, now)).Request,
            // H: the same, the third evaluation (unsolved but basically satisfied) upheld: counted.
            Disputed(Satisfaction.BasicallySatisfied).Do((r, now) => r.ReviewDispute(RequestBuilder.Supervisor, true, "评价属实", Days, now)).Request,
            // I: the same, not yet reviewed: counted nowhere in 满意率, shown as awaiting review.
            Disputed(Satisfaction.Unsatisfied).Request,
            // J: resolved and never rated: auto-closed after its evaluation window.
            New(At(3, 2, 9)).Dispatched().Signed().Resolved().Next(At(3, 10, 0, 5)).Do((r, now) => r.AutoClose(Days, now)).Request,
            // K: the lead never signs; transferred after its sign deadline (late, charged to the lead); the other department
            // signs in time (7.5 working hours); the resolve deadline (16 March) runs past due, charged to the other department.
            New(At(3, 2, 9)).Dispatched()
                .Next(At(3, 5, 10)).Do((r, now) => r.Transfer(Commissioner, OtherDepartment, "应由住建局牵头", Days, now))
                .Next(At(3, 6, 10)).Do((r, now) => r.Sign(OtherHandler, Days, now)).Request,
            // L: dispatched on 25 March: its sign deadline (26 March) is still to come, pending.
            New(At(3, 25, 9)).Dispatched().Request,
        ];
    }

    public static async Task<(SeededPortal Portal, List<ServiceRequest> Requests)> BuiltAsync(DatabaseProvider provider)
    {
        var portal = await SeededPortal.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)), demoData: true);
        var requests = Requests();
        await portal.QueryAsync(async db =>
        {
            db.ServiceRequests.AddRange(requests);
            await db.SaveChangesAsync();
            // What the scan recorded: B's sign deadline overdue then severely, K's resolve deadline a warning, and K's first
            // sign deadline (superseded by the transfer) overdue — no longer running, so it colours nothing.
            var b = requests[1];
            var k = requests[10];
            var bSign = b.Deadlines.Single(d => d.Kind == DeadlineKind.Sign);
            db.Escalations.AddRange(
                new RequestEscalation(b.Id, bSign, EscalationLevel.Overdue, At(3, 3, 17, 31)),
                new RequestEscalation(b.Id, bSign, EscalationLevel.SeverelyOverdue, At(3, 4, 17, 31)),
                new RequestEscalation(k.Id, k.Deadlines.Single(d => d.Kind == DeadlineKind.Resolve && d.IsRunning), EscalationLevel.Warning, At(3, 12, 10)),
                new RequestEscalation(k.Id, k.Deadlines.Single(d => d.Kind == DeadlineKind.Sign && d.Generation == 1), EscalationLevel.Overdue, At(3, 3, 17, 31)));
            return await db.SaveChangesAsync();
        });
        return (portal, requests);
    }

    private static async Task<FiguresView> FiguresAsync(SeededPortal portal, PortalUser user, FigureFilter? filter = null, ReportingPeriod? period = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DistrictFigures>().ForPeriodAsync(user, period ?? March, filter ?? FigureFilter.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDistrictsFigures_ForMarchAndFebruary_AreWhatTheDefinitionsGive(DatabaseProvider provider)
    {
        var (portal, _) = await BuiltAsync(provider);
        await using var _ = portal;

        var figures = await FiguresAsync(portal, Supervisor);

        var march = figures.Current;
        Assert.Equal(11, march.Received);                              // all but F
        // Sign: A E G H I J and K's second in time; B and K's first late; C's cut short in time; L pending.
        Assert.Equal(new Rate(7, 9), march.SignedInTime);
        Assert.Equal(1, march.SignPending);
        // Resolve (the last deadline of each round): A, E's extended one, G H I three rounds each, J in time; B, C, K late.
        Assert.Equal(new Rate(12, 15), march.ResolvedInTime);
        Assert.Equal(0, march.ResolvePending);
        Assert.Equal(12, march.Resolved);                              // A E J once, G H I three times
        Assert.Equal(new Rate(1, 11), march.Solved);                   // 11 evaluations, only A's solved
        // 满意率: A and H's upheld third are satisfied; G's overturned and I's unreviewed third are left out of 11.
        Assert.Equal(new Rate(2, 9), march.Satisfied);
        Assert.Equal(1, march.AwaitingReview);
        Assert.Equal(1, march.NotRated);                               // J
        Assert.Equal(new Rate(1, 11), march.Returned);                 // C's return of 10 dispatches and K's transfer
        Assert.Equal(new Rate(7, 12), march.Reopened);                 // E once, G H I twice
        // Signed 5 minutes after dispatch six times, K's 7.5 working hours once.
        Assert.Equal(8.0 / 7, march.AverageHoursToSign!.Value, 6);

        var february = figures.Previous;
        Assert.Equal(1, february.Received);
        Assert.Equal(new Rate(0, 1), february.SignedInTime);
        Assert.Equal(new Rate(1, 1), february.ResolvedInTime);
        Assert.Equal(new Rate(1, 1), february.Solved);
        Assert.Equal(new Rate(1, 1), february.Satisfied);
        Assert.Equal(new Rate(0, 1), february.Returned);
        Assert.Equal(new Rate(0, 1), february.Reopened);
        // Dispatched 2 Feb 09:05, signed 4 Feb 10:00: 6h55 + 7h30 + 1h30; submitted 09:00, resolved 10 Feb 10:00: 7h + 5 × 7h30 + 1h30.
        Assert.Equal(15 + 55 / 60.0, february.AverageHoursToSign!.Value, 6);
        Assert.Equal(46, february.AverageHoursToResolve!.Value, 6);

        // Open now: B, E, I, K, L; B at worst severely overdue, K warned.
        Assert.Equal(new OpenLoad(5, 1, 0, 1), figures.Now);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ADepartment_IsChargedWithItsDeadlines_ItsReturnsAndWhatItWasSent(DatabaseProvider provider)
    {
        var (portal, _) = await BuiltAsync(provider);
        await using var _ = portal;

        var lead = (await FiguresAsync(portal, Supervisor, new FigureFilter(DepartmentId: LeadDepartment))).Current;
        var other = (await FiguresAsync(portal, Supervisor, new FigureFilter(DepartmentId: OtherDepartment))).Current;

        Assert.Equal(new Rate(6, 8), lead.SignedInTime);               // B and K's first late
        Assert.Equal(new Rate(12, 13), lead.ResolvedInTime);           // B late; C's had no department, K's is the other's
        Assert.Equal(new Rate(1, 10), lead.Returned);
        Assert.Equal(new Rate(1, 1), other.SignedInTime);
        Assert.Equal(new Rate(0, 1), other.ResolvedInTime);
        Assert.Equal(new Rate(0, 1), other.Returned);                  // sent it once, by the transfer
        Assert.Equal(1, other.Received);                               // K, which it leads now
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AParkOrIndustry_NarrowsTheFiguresToItsEnterprisesRequests(DatabaseProvider provider)
    {
        var (portal, _) = await BuiltAsync(provider);
        await using var _ = portal;
        var enterprise = await portal.QueryAsync(db => db.Enterprises.Where(e => e.Id == EnterpriseId).Select(e => new { e.ParkId, e.IndustryId }).SingleAsync());
        var otherPark = await portal.QueryAsync(db => db.Parks.Where(p => p.Id != enterprise.ParkId).Select(p => p.Id).FirstAsync());
        var otherIndustry = await portal.QueryAsync(db => db.Industries.Where(i => i.Id != enterprise.IndustryId).Select(i => i.Id).FirstAsync());

        var district = await FiguresAsync(portal, Supervisor);
        var park = await FiguresAsync(portal, Supervisor, new FigureFilter(ParkId: enterprise.ParkId));
        var industry = await FiguresAsync(portal, Supervisor, new FigureFilter(IndustryId: enterprise.IndustryId));
        var cadreInPark = await FiguresAsync(portal, new PortalUser(Cadre.UserId, Roles.Cadre), new FigureFilter(ParkId: enterprise.ParkId));

        // Every request of the set is the one enterprise's: its park and industry count them all, counted live.
        foreach (var narrowed in new[] { park, industry, cadreInPark })
        {
            Assert.Equal((district.Current, district.Previous, district.Now), (narrowed.Current, narrowed.Previous, narrowed.Now));
        }
        foreach (var filter in new[] { new FigureFilter(ParkId: otherPark), new FigureFilter(IndustryId: otherIndustry) })
        {
            var nothing = await FiguresAsync(portal, Supervisor, filter);
            Assert.Equal(0, nothing.Current.Received);
            Assert.Null(nothing.Current.SignedInTime.Value);
            Assert.Equal(new OpenLoad(0, 0, 0, 0), nothing.Now);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACadreOrCommissioner_SeesTheirRequestsOnly_AndARateOfNothingIsNoRate(DatabaseProvider provider)
    {
        var (portal, _) = await BuiltAsync(provider);
        await using var _ = portal;

        var theirs = await FiguresAsync(portal, new PortalUser(Cadre.UserId, Roles.Cadre));
        var others = await FiguresAsync(portal, new PortalUser("another-cadre", Roles.Cadre));
        var commissioner = await FiguresAsync(portal, new PortalUser(Commissioner.UserId, Roles.Commissioner));
        var handler = await FiguresAsync(portal, new PortalUser(LeadHandler.UserId, Roles.DepartmentHandler, DepartmentId: LeadDepartment));

        Assert.Equal(new Rate(7, 9), theirs.Current.SignedInTime);
        Assert.Equal(new Rate(7, 9), commissioner.Current.SignedInTime);
        foreach (var nothing in new[] { others, handler })
        {
            Assert.Equal(0, nothing.Current.Received);
            Assert.Null(nothing.Current.SignedInTime.Value);
            Assert.Null(nothing.Current.Satisfied.Value);
            Assert.Null(nothing.Current.AverageHoursToSign);
            Assert.Equal(new OpenLoad(0, 0, 0, 0), nothing.Now);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AFilterOnSomethingThatDoesNotExist_IsRefused(DatabaseProvider provider)
    {
        var (portal, _) = await BuiltAsync(provider);
        await using var _ = portal;

        var department = await Assert.ThrowsAsync<DomainException>(() => FiguresAsync(portal, Supervisor, new FigureFilter(DepartmentId: 999)));
        var commissioner = await Assert.ThrowsAsync<DomainException>(() => FiguresAsync(portal, Supervisor, new FigureFilter(CommissionerUserId: "supervisor")));

        Assert.Equal(MetricsRefusals.DepartmentNotFound, department.Code);
        Assert.Equal(MetricsRefusals.CommissionerNotFound, commissioner.Code);
        // An existing category narrows the figures: the set is all of category 1.
        var another = await portal.QueryAsync(db => db.RequestCategories.Where(c => c.Id != 1).Select(c => c.Id).FirstAsync());
        Assert.Equal(new Rate(7, 9), (await FiguresAsync(portal, Supervisor, new FigureFilter(CategoryId: 1))).Current.SignedInTime);
        Assert.Equal(0, (await FiguresAsync(portal, Supervisor, new FigureFilter(CategoryId: another))).Current.Received);
    }
}
