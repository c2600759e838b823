using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Metrics;
using Portal.Domain.Requests;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using static Portal.Tests.Domain.Requests.RequestBuilder;

namespace Portal.Tests.Infrastructure.Dashboard;

/// <summary>
/// The boards over the hand-built set of <see cref="DistrictFiguresTests"/> (now: Wednesday 25 March 2026, noon), each
/// answer worked out below by hand, on both databases.
/// </summary>
public class DashboardBoardsTests
{
    private static readonly PortalUser Supervisor = new("supervisor", Roles.Supervisor);

    private static readonly ReportingPeriod March = ReportingPeriod.Containing(PeriodKind.Month, new DateOnly(2026, 3, 1));

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, WorkCalendar.Offset);

    private static async Task<T> BoardsAsync<T>(SeededPortal portal, Func<DashboardBoards, Task<T>> read)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DashboardBoards>());
    }

    private static Task<string> DepartmentAsync(SeededPortal portal, int id) =>
        portal.QueryAsync(db => db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleAsync());

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheOverdueBoard_ShowsEachRequestsLongestOverdueDeadline_WithItsRecordedLevelAndWorkingDaysLate(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;
        var cadre = await portal.QueryAsync(db => db.Enterprises.Where(e => e.Id == EnterpriseId)
            .Select(e => db.Users.Where(u => u.Id == e.CadreUserId).Select(u => u.DisplayName).FirstOrDefault()).SingleAsync());

        var overdue = await BoardsAsync(portal, b => b.OverdueAsync(Supervisor, FigureFilter.None));
        var rows = overdue.Rows;

        // B: never signed; its sign deadline (3 March 17:30) is the longest overdue of its three, recorded severely overdue.
        // From then to 25 March noon: 4–24 March, 15 working days of 7.5 hours, and 3.5 hours this morning: 116 h = 15.5 days.
        // K: its first reply (due 4 March 17:30) was never given, now charged to the department it was transferred to;
        // the scan recorded no level for it, so it is overdue: 14 days and 3.5 hours, 108.5 h = 14.5 days.
        Assert.Equal(["YQBY-20260302-0002", "YQBY-20260302-0011"], rows.Select(r => r.Number));
        var (b, k) = (rows[0], rows[1]);
        Assert.Equal((DeadlineKind.Sign, EscalationLevel.SeverelyOverdue, 15.5, At(3, 3, 17, 30)), (b.Kind, b.Level, b.WorkingDaysOverdue, b.DueAt));
        Assert.Equal((DeadlineKind.FirstReply, EscalationLevel.Overdue, 14.5, At(3, 4, 17, 30)), (k.Kind, k.Level, k.WorkingDaysOverdue, k.DueAt));
        Assert.Equal(await DepartmentAsync(portal, LeadDepartment), b.Department);
        Assert.Equal(await DepartmentAsync(portal, OtherDepartment), k.Department);
        Assert.Null(b.Handler);                                        // nobody signed for it
        Assert.Equal(OtherHandler.UserId, k.Handler);                  // signed by a handler with no account here: named by id
        Assert.Equal(cadre, b.Cadre);
        Assert.All(rows, r => Assert.True(r.MaySupervise));
        Assert.All(rows, r => Assert.Null(r.LastSupervisedAt));
        Assert.Equal(TimeSpan.FromHours(7.5), overdue.WorkingDay);
        Assert.Equal("签收时限已超期 15.5 个工作日，请立即办理并反馈", b.Instruction);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheOverdueBoard_ForACadre_HoldsTheirEnterprisesOnly_AndADepartmentFilterKeepsWhatIsChargedToIt(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;

        var theirs = await BoardsAsync(portal, b => b.OverdueAsync(new PortalUser(Cadre.UserId, Roles.Cadre), FigureFilter.None));
        var others = await BoardsAsync(portal, b => b.OverdueAsync(new PortalUser("another-cadre", Roles.Cadre), FigureFilter.None));
        var commissioner = await BoardsAsync(portal, b => b.OverdueAsync(new PortalUser(Commissioner.UserId, Roles.Commissioner), FigureFilter.None));
        var lead = await BoardsAsync(portal, b => b.OverdueAsync(Supervisor, new FigureFilter(DepartmentId: LeadDepartment)));
        var other = await BoardsAsync(portal, b => b.OverdueAsync(Supervisor, new FigureFilter(DepartmentId: OtherDepartment)));

        Assert.Equal(2, theirs.Rows.Count);
        Assert.All(theirs.Rows, r => Assert.True(r.MaySupervise));          // the cadre the requests name
        Assert.Empty(others.Rows);
        Assert.Equal(2, commissioner.Rows.Count);
        Assert.All(commissioner.Rows, r => Assert.False(r.MaySupervise));   // commissioners do not 督办
        Assert.Equal(["YQBY-20260302-0002"], lead.Rows.Select(r => r.Number));
        Assert.Equal(["YQBY-20260302-0011"], other.Rows.Select(r => r.Number));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheDisputes_HoldTheRequestUnderReview_WithTheRatingAndItsComment_ReviewableBySupervisorsOnly(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;

        var queue = await BoardsAsync(portal, b => b.DisputesAsync(Supervisor, FigureFilter.None));
        var cadre = await BoardsAsync(portal, b => b.DisputesAsync(new PortalUser(Cadre.UserId, Roles.Cadre), FigureFilter.None));
        var others = await BoardsAsync(portal, b => b.DisputesAsync(new PortalUser("another-cadre", Roles.Cadre), FigureFilter.None));
        var other = await BoardsAsync(portal, b => b.DisputesAsync(Supervisor, new FigureFilter(DepartmentId: OtherDepartment)));

        // I: its third evaluation (unsolved, unsatisfied) at 09:40 on 2 March sent it to review; G and H were reviewed.
        var i = Assert.Single(queue.Rows);
        Assert.Equal(("YQBY-20260302-0009", false, Satisfaction.Unsatisfied, "评价意见", At(3, 2, 9, 40)), (i.Number, i.Solved, i.Satisfaction, i.Comment, i.DisputedAt));
        Assert.Equal(await DepartmentAsync(portal, LeadDepartment), i.Department);
        Assert.True(queue.MayReview);
        Assert.Single(cadre.Rows);
        Assert.False(cadre.MayReview);
        Assert.Empty(others.Rows);
        Assert.Empty(other.Rows);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheEscalationLog_HoldsThePeriodsRecordedLevels_NewestFirst_EachWithTheDepartmentItsDeadlineWasChargedTo(DatabaseProvider provider)
    {
        var (portal, _) = await DistrictFiguresTests.BuiltAsync(provider);
        await using var _ = portal;

        var march = await BoardsAsync(portal, b => b.EscalationsAsync(Supervisor, March, FigureFilter.None));
        var february = await BoardsAsync(portal, b => b.EscalationsAsync(Supervisor, March.Previous(), FigureFilter.None));
        var other = await BoardsAsync(portal, b => b.EscalationsAsync(Supervisor, March, new FigureFilter(DepartmentId: OtherDepartment)));
        var others = await BoardsAsync(portal, b => b.EscalationsAsync(new PortalUser("another-cadre", Roles.Cadre), March, FigureFilter.None));

        var (lead, transferredTo) = (await DepartmentAsync(portal, LeadDepartment), await DepartmentAsync(portal, OtherDepartment));
        // K's resolve warning (12 March), B's sign severely overdue (4 March), then the two of 3 March 17:31, the later recorded first.
        Assert.Equal(
            [
                ("YQBY-20260302-0011", transferredTo, DeadlineKind.Resolve, EscalationLevel.Warning, At(3, 12, 10)),
                ("YQBY-20260302-0002", lead, DeadlineKind.Sign, EscalationLevel.SeverelyOverdue, At(3, 4, 17, 31)),
                ("YQBY-20260302-0011", lead, DeadlineKind.Sign, EscalationLevel.Overdue, At(3, 3, 17, 31)),
                ("YQBY-20260302-0002", lead, DeadlineKind.Sign, EscalationLevel.Overdue, At(3, 3, 17, 31)),
            ],
            march.Rows.Select(r => (r.Number, r.Department, r.Kind, r.Level, r.RecordedAt)));
        Assert.False(march.Capped);
        Assert.Empty(february.Rows);
        Assert.Equal(["YQBY-20260302-0011"], other.Rows.Select(r => r.Number));
        Assert.Empty(others.Rows);
    }
}
