using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Jobs;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure;

public class CalendarServiceTests
{
    // An ordinary Monday, worked in the official schedule.
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MarkDay_AsADayOff_IsOffForEveryCountFromThen(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var cached = await portal.CalendarAsync(service => service.GetCalendarAsync());
        Assert.True(cached.IsWorkingDay(Monday));

        var result = await portal.CalendarAsync(service => service.MarkDayAsync(Monday, CalendarEntryKind.DayOff, " 停电检修 ", "admin-1"));

        Assert.True(result.Succeeded);
        var calendar = await portal.CalendarAsync(service => service.GetCalendarAsync());
        Assert.False(calendar.IsWorkingDay(Monday));
        Assert.Equal("停电检修", calendar.DaysOff[Monday]);
        Assert.Equal(new DateOnly(2026, 3, 3), DateOnly.FromDateTime(calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 1, 9, 0, 0, WorkCalendar.Offset), 1).At.DateTime));
        var year = await portal.CalendarAsync(service => service.GetYearAsync(2026));
        Assert.Contains(new CalendarDayEntry(Monday, CalendarEntryKind.DayOff, "停电检修"), year!.Days);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MarkDay_AWeekendAsAMakeUpWorkingDay_IsWorked(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var saturday = new DateOnly(2026, 3, 7);

        var result = await portal.CalendarAsync(service => service.MarkDayAsync(saturday, CalendarEntryKind.MakeUpWorkingDay, null, "admin-1"));

        Assert.True(result.Succeeded);
        var calendar = await portal.CalendarAsync(service => service.GetCalendarAsync());
        Assert.True(calendar.IsWorkingDay(saturday));
        Assert.Contains(saturday, calendar.MakeUpWorkingDays);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MarkDay_OfAYearWithoutEntries_StartsThatYear(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);

        var result = await portal.CalendarAsync(service => service.MarkDayAsync(new DateOnly(2027, 1, 1), CalendarEntryKind.DayOff, "元旦", "admin-1"));

        Assert.True(result.Succeeded);
        Assert.Equal([2024, 2025, 2026, 2027], await portal.CalendarAsync(service => service.GetYearsAsync()));
        var year = await portal.CalendarAsync(service => service.GetYearAsync(2027));
        Assert.Equal([new CalendarDayEntry(new DateOnly(2027, 1, 1), CalendarEntryKind.DayOff, "元旦")], year!.Days);
        Assert.Null(year.Notice);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ClearDay_ADayOff_IsWorkedAgain(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        var nationalDay = new DateOnly(2026, 10, 1);

        var result = await portal.CalendarAsync(service => service.ClearDayAsync(nationalDay, "admin-1"));

        Assert.True(result.Succeeded);
        var calendar = await portal.CalendarAsync(service => service.GetCalendarAsync());
        Assert.True(calendar.IsWorkingDay(nationalDay));
        Assert.DoesNotContain(nationalDay, (await portal.CalendarAsync(service => service.GetYearAsync(2026)))!.DaysOff);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ClearDay_TheLastEntryOfAYear_LeavesTheYearWithoutEntries(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        await portal.CalendarAsync(service => service.MarkDayAsync(new DateOnly(2027, 1, 1), CalendarEntryKind.DayOff, "元旦", "admin-1"));

        await portal.CalendarAsync(service => service.ClearDayAsync(new DateOnly(2027, 1, 1), "admin-1"));

        Assert.Equal([2024, 2025, 2026], await portal.CalendarAsync(service => service.GetYearsAsync()));
        Assert.Null(await portal.CalendarAsync(service => service.GetYearAsync(2027)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MarkDay_AWeekdayAsAMakeUpWorkingDay_IsRefusedAndChangesNothing(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);

        var result = await portal.CalendarAsync(service => service.MarkDayAsync(Monday, CalendarEntryKind.MakeUpWorkingDay, null, "admin-1"));

        Assert.Equal([new CalendarError(null, CalendarProblem.MakeUpDayNotOnWeekend, "2026-03-02")], result.Errors, ErrorComparer.Instance);
        Assert.DoesNotContain(Monday, (await portal.CalendarAsync(service => service.GetYearAsync(2026)))!.Days.Select(d => d.Date));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, 1999)]
    [InlineData(DatabaseProvider.Postgres, 2101)]
    public async Task MarkDay_OutsideTheYearsTheCalendarTakes_IsRefused(DatabaseProvider provider, int year)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);

        var result = await portal.CalendarAsync(service => service.MarkDayAsync(new DateOnly(year, 1, 1), CalendarEntryKind.DayOff, "元旦", "admin-1"));

        Assert.Equal([new CalendarError(null, CalendarProblem.YearOutOfRange, year.ToString())], result.Errors, ErrorComparer.Instance);
        Assert.Equal([2024, 2025, 2026], await portal.CalendarAsync(service => service.GetYearsAsync()));
    }

    [Fact]
    public async Task MarkDay_WithAnOverlongName_IsRefused()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite);

        var result = await portal.CalendarAsync(service => service.MarkDayAsync(Monday, CalendarEntryKind.DayOff, new string('节', 33), "admin-1"));

        Assert.Equal([new CalendarError(null, CalendarProblem.NameTooLong, "32")], result.Errors, ErrorComparer.Instance);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GetCalendar_OnAnotherNode_SeesAChangeMadeOnThisOne(DatabaseProvider provider)
    {
        await using var portal = await SeededPortal.CreateAsync(provider);
        await using var otherNode = portal.AnotherNode();
        Assert.True((await SeededPortal.CalendarAsync(otherNode, service => service.GetCalendarAsync())).IsWorkingDay(Monday));

        await portal.CalendarAsync(service => service.MarkDayAsync(Monday, CalendarEntryKind.DayOff, null, "admin-1"));

        Assert.False((await SeededPortal.CalendarAsync(otherNode, service => service.GetCalendarAsync())).IsWorkingDay(Monday));
    }

    [Fact]
    public async Task GetCalendar_WhileNothingChanged_GivesTheSameCalendar()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite);

        var first = await portal.CalendarAsync(service => service.GetCalendarAsync());
        var second = await portal.CalendarAsync(service => service.GetCalendarAsync());

        Assert.Same(first, second);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Change_TellsTheListenersBeforeAndAfterAndSavesWhatTheyAdd(DatabaseProvider provider)
    {
        var listener = new RecordingListener();
        await using var portal = await SeededPortal.CreateAsync(provider, services => services.AddSingleton<ICalendarChangeListener>(listener));

        await portal.CalendarAsync(service => service.MarkDayAsync(Monday, CalendarEntryKind.DayOff, null, "admin-1"));

        var change = Assert.Single(listener.Changes);
        Assert.True(change.Before.IsWorkingDay(Monday));
        Assert.False(change.After.IsWorkingDay(Monday));
        Assert.Equal("admin-1", change.ChangedBy);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.True(await db.JobHeartbeats.AnyAsync(h => h.Name == RecordingListener.Marker));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Change_ThatLosesARaceWithAnotherAdmin_IsRefusedAndSavesNothingOfIt(DatabaseProvider provider)
    {
        var saturday = new DateOnly(2026, 3, 7);
        SeededPortal? portal = null;
        // While the first change is being saved, a second admin saves theirs.
        var listener = new RecordingListener(async () =>
        {
            var second = await portal!.CalendarAsync(service => service.MarkDayAsync(saturday, CalendarEntryKind.MakeUpWorkingDay, null, "admin-2"));
            Assert.True(second.Succeeded);
        });
        portal = await SeededPortal.CreateAsync(provider);
        await using (portal)
        {
            await using var racingNode = portal.AnotherNode(services => services.AddSingleton<ICalendarChangeListener>(listener));

            var first = await SeededPortal.CalendarAsync(racingNode, service => service.MarkDayAsync(Monday, CalendarEntryKind.DayOff, null, "admin-1"));

            Assert.Equal([new CalendarError(null, CalendarProblem.ChangedConcurrently)], first.Errors, ErrorComparer.Instance);
            var calendar = await SeededPortal.CalendarAsync(racingNode, service => service.GetCalendarAsync());
            Assert.True(calendar.IsWorkingDay(Monday));
            Assert.True(calendar.IsWorkingDay(saturday));
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            Assert.False(await db.JobHeartbeats.AnyAsync(h => h.Name == RecordingListener.Marker));
        }
    }

    [Theory]
    [InlineData("2026-10-31T23:59:59+08:00", null)]
    [InlineData("2026-10-31T16:00:00Z", 2027)]
    [InlineData("2026-11-01T00:00:00+08:00", 2027)]
    [InlineData("2026-12-31T23:59:00+08:00", 2027)]
    [InlineData("2025-11-01T09:00:00+08:00", null)]
    [InlineData("2026-06-01T09:00:00+08:00", null)]
    public async Task FindMissingNextYear_FromTheFirstOfNovember_NamesNextYearWhenItHasNoEntries(string now, int? expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, services => services.AddSingleton<TimeProvider>(clock));

        Assert.Equal(expected, await portal.CalendarAsync(service => service.FindMissingNextYearAsync()));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FindMissingNextYear_OnceNextYearHasEntries_IsNull(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 9, 0, 0, WorkCalendar.Offset));
        await using var portal = await SeededPortal.CreateAsync(provider, services => services.AddSingleton<TimeProvider>(clock));
        Assert.Equal(2027, await portal.CalendarAsync(service => service.FindMissingNextYearAsync()));

        await portal.CalendarAsync(service => service.MarkDayAsync(new DateOnly(2027, 1, 1), CalendarEntryKind.DayOff, "元旦", "admin-1"));

        Assert.Null(await portal.CalendarAsync(service => service.FindMissingNextYearAsync()));
    }

    /// <summary>Records each change and, in the same save, adds a row that proves it was saved with the change.</summary>
    private sealed class RecordingListener(Func<Task>? whileSaving = null) : ICalendarChangeListener
    {
        public const string Marker = "calendar-listener";

        public List<CalendarChange> Changes { get; } = [];

        public async Task CalendarChangingAsync(CalendarChange change, CancellationToken cancellationToken)
        {
            Changes.Add(change);
            change.Db.JobHeartbeats.Add(new JobHeartbeat(Marker, change.At));
            if (whileSaving is not null)
            {
                await whileSaving();
            }
        }
    }
}
