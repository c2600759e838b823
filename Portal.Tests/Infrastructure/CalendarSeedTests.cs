using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Domain.TimeLimits;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

public class CalendarSeedTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Seed_TheCalendar_EqualsTheOfficialHolidaysWithTheDefaultWorkingHours(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var official = OfficialHolidays.CreateCalendar();

        var calendar = await portal.CalendarAsync(service => service.GetCalendarAsync());

        Assert.Equal([2024, 2025, 2026], calendar.Years.Order());
        Assert.Equal(official.DaysOff.OrderBy(d => d.Key), calendar.DaysOff.OrderBy(d => d.Key));
        Assert.Equal(official.MakeUpWorkingDays.Order(), calendar.MakeUpWorkingDays.Order());
        Assert.Equal(
            [new WorkingPeriod(new TimeOnly(8, 30), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(13, 30), new TimeOnly(17, 30))],
            calendar.WorkingPeriods);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Seed_EachYear_CitesItsNoticeAndNamesEveryDay(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);

        foreach (var notice in OfficialHolidays.Notices)
        {
            var year = await portal.CalendarAsync(service => service.GetYearAsync(notice.Year));

            Assert.NotNull(year);
            Assert.Equal(notice.DocumentNumber, year.Notice);
            var expected = notice.Holidays
                .SelectMany(h => h.DaysOff.Select(d => (d, CalendarEntryKind.DayOff, h.Name))
                    .Concat(h.MakeUpWorkingDays.Select(d => (d, CalendarEntryKind.MakeUpWorkingDay, h.Name))))
                .OrderBy(e => e.d);
            Assert.Equal(expected, year.Days.Select(d => (d.Date, d.Kind, d.Name!)));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Seed_TimeLimitPolicies_OnePerCategoryAndUrgencyWithDesignsDefaults(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        var policies = await db.TimeLimitPolicies.ToListAsync();
        var categories = await db.RequestCategories.Select(c => c.Id).ToListAsync();

        Assert.Equal(ReferenceData.Categories.Count * 2, policies.Count);
        Assert.Equal(
            categories.SelectMany(c => new[] { (c, Urgency.Normal), (c, Urgency.Urgent) }).Order(),
            policies.Select(p => (p.CategoryId, p.Urgency)).Order());
        foreach (var policy in policies)
        {
            var urgent = policy.Urgency == Urgency.Urgent;
            Assert.Equal(TimeLimit.WorkingHours(2), policy.Dispatch);
            Assert.Equal(urgent ? TimeLimit.WorkingHours(2) : TimeLimit.WorkingDays(1), policy.Sign);
            Assert.Equal(TimeLimit.WorkingDays(2), policy.FirstReply);
            Assert.Equal(urgent ? TimeLimit.WorkingDays(3) : TimeLimit.WorkingDays(10), policy.Resolve);
            Assert.Equal(urgent ? TimeLimit.WorkingDays(3) : TimeLimit.WorkingDays(25), policy.ResolveWithCoHandlers);
            Assert.Equal(TimeLimit.WorkingDays(3), policy.CoHandlerReply);
            Assert.Equal(TimeLimit.WorkingDays(1), policy.ReturnWindow);
            Assert.Equal(TimeLimit.NaturalDays(7), policy.EvaluationWindow);
            Assert.Equal(2, policy.MaxExtensions);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Policy_ChangedAndSaved_ReadsBackInItsOwnUnitsStoredAsText(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        int id;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var policy = await db.TimeLimitPolicies.OrderBy(p => p.Id).FirstAsync(p => p.Urgency == Urgency.Normal);
            policy.ChangeTarget(TimeLimitTarget.Sign, 4, TimeLimitUnit.WorkingHours);
            policy.ChangeTarget(TimeLimitTarget.EvaluationWindow, 10, TimeLimitUnit.NaturalDays);
            policy.ChangeMaxExtensions(0);
            await db.SaveChangesAsync();
            id = policy.Id;
        }

        await using var reread = await contexts.CreateDbContextAsync();
        var saved = await reread.TimeLimitPolicies.SingleAsync(p => p.Id == id);
        Assert.Equal(TimeLimit.WorkingHours(4), saved.Sign);
        Assert.Equal(TimeLimit.NaturalDays(10), saved.EvaluationWindow);
        Assert.Equal(TimeLimit.WorkingDays(10), saved.Resolve);
        Assert.Equal(0, saved.MaxExtensions);
        var stored = await reread.Database
            .SqlQuery<string>($"SELECT \"Urgency\" || ' ' || \"Sign_Unit\" || ' ' || \"EvaluationWindow_Unit\" AS \"Value\" FROM \"TimeLimitPolicies\" WHERE \"Id\" = {id}")
            .SingleAsync();
        Assert.Equal("Normal WorkingHours NaturalDays", stored);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Seed_Again_AddsNoCalendarEntryPeriodOrPolicyAndKeepsAnAdminsChange(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var changed = await portal.CalendarAsync(service => service.ClearDayAsync(new DateOnly(2026, 10, 7), "admin"));
        Assert.True(changed.Succeeded);
        var before = await CountAsync(portal.Services);

        await portal.Services.InitialisePortalDatabaseAsync(new SeedSettings(false, "it@taierzhuang.gov.cn", "Tez#Portal-2026"));

        Assert.Equal(before, await CountAsync(portal.Services));
        var calendar = await portal.CalendarAsync(service => service.GetCalendarAsync());
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 7)));
    }

    private static async Task<int[]> CountAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return
        [
            await db.CalendarYears.CountAsync(), await db.CalendarYears.SelectMany(y => y.Entries).CountAsync(),
            await db.WorkingPeriods.CountAsync(), await db.CalendarRevisions.CountAsync(), await db.TimeLimitPolicies.CountAsync(),
        ];
    }
}
