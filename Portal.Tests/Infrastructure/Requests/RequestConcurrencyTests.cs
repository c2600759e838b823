using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Requests;

/// <summary>Several people, or several web nodes, acting at the same moment.</summary>
public class RequestConcurrencyTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoContexts_ActingOnOneRequest_TheSecondToSaveIsRefusedAndNothingOfItIsKept(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var number = await RequestServiceTests.SubmitAsync(portal);
        var calendar = await portal.CalendarAsync(c => c.GetCalendarAsync());
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var commissioner = new Actor((await portal.UserAsync("commissioner@yqby.test")).Id, Roles.Commissioner);
        var supervisor = new Actor((await portal.UserAsync("supervisor@yqby.test")).Id, Roles.Supervisor);
        var zrzy = await RequestServiceTests.DepartmentAsync(portal, "ZRZY");
        var swj = await RequestServiceTests.DepartmentAsync(portal, "SWJ");
        time.Advance(TimeSpan.FromMinutes(5));

        await using var first = await contexts.CreateDbContextAsync();
        await using var second = await contexts.CreateDbContextAsync();
        var mine = await first.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines).AsSplitQuery().SingleAsync(r => r.Number == number);
        var theirs = await second.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines).AsSplitQuery().SingleAsync(r => r.Number == number);
        mine.Dispatch(commissioner, zrzy, calendar, time.GetUtcNow());
        theirs.Dispatch(supervisor, swj, calendar, time.GetUtcNow());

        await first.SaveChangesAsync();
        var refusal = await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.SaveChangesAsync());
        Assert.True(DatabaseErrors.IsLostRace(refusal), refusal.ToString());

        var stored = await portal.QueryAsync(db => db.ServiceRequests.Include(r => r.Timeline).Include(r => r.Deadlines).AsSplitQuery().SingleAsync(r => r.Number == number));
        Assert.Equal((2, zrzy), (stored.Version, stored.LeadDepartmentId));
        Assert.Single(stored.Timeline, e => e.Action == RequestAction.Dispatch);
        Assert.Single(stored.Deadlines, d => d.Kind == DeadlineKind.Sign);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TwoPeople_DispatchingAtOnceThroughTheServices_OneWinsAndTheOtherIsToldToReload(DatabaseProvider provider)
    {
        var (portal, time) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        var commissioner = await portal.UserAsync("commissioner@yqby.test");
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        var zrzy = await RequestServiceTests.DepartmentAsync(portal, "ZRZY");
        var swj = await RequestServiceTests.DepartmentAsync(portal, "SWJ");

        for (var round = 0; round < 10; round++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            var number = await RequestServiceTests.SubmitAsync(portal);

            var outcomes = await Task.WhenAll(
                Task.Run(() => Record.ExceptionAsync(() => portal.RequestsAsync(s => s.DispatchAsync(commissioner, number, 1, zrzy)))),
                Task.Run(() => Record.ExceptionAsync(() => portal.RequestsAsync(s => s.DispatchAsync(supervisor, number, 1, swj)))));

            Assert.Single(outcomes, o => o is null);
            Assert.Single(outcomes, o => o is RequestChangedException);
            var stored = (await portal.RequestsAsync(s => s.GetAsync(supervisor, number)))!;
            Assert.Equal(2, stored.Version);
            Assert.Single(stored.Timeline, e => e.Action == RequestAction.Dispatch);
            Assert.Equal(outcomes[0] is null ? zrzy : swj, stored.LeadDepartmentId);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FiftySubmissionsAtOnce_GetFiftyDistinctNumbersOfTheDay(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        // Two web nodes, as behind the load balancer: each with its own services and connection pool.
        await using var otherNode = portal.AnotherNode(s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(SeededPortal.MondayMorning)));
        var enterprise = await portal.UserAsync("enterprise@yqby.test");
        var input = new SubmitRequestInput(enterprise.EnterpriseId!.Value, 1, Urgency.Normal, RequestChannel.Portal, "用电增容", "请协调用电增容。");

        var numbers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var scope = (i % 2 == 0 ? portal.Services : otherNode).CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RequestService>().SubmitAsync(enterprise, input);
        })));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"YQBY-20260302-{i:0000}"), numbers.Order());
        Assert.Equal(50, await portal.QueryAsync(db => db.ServiceRequests.Select(r => r.Number).Distinct().CountAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheNumberOfTheDay_GrowsPastFourDigits(DatabaseProvider provider)
    {
        var (portal, _) = await SeededPortal.OnFakeClockAsync(provider);
        await using var _ = portal;
        await portal.QueryAsync(db => db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "RequestNumberSequences" ("Day", "LastValue") VALUES ({new DateOnly(2026, 3, 2)}, 9999)"""));

        var number = await RequestServiceTests.SubmitAsync(portal);

        Assert.Equal("YQBY-20260302-10000", number);
        var supervisor = await portal.UserAsync("supervisor@yqby.test");
        Assert.Equal(number, (await portal.RequestsAsync(s => s.ListAsync(supervisor))).Items.Single().Number);
    }
}
