using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Tests.Support;
using Portal.Web.Features.Calendar;

namespace Portal.Tests.Web;

/// <summary>The admin home's warning that next year's holiday schedule is missing, rendered with bUnit on a real database.</summary>
public class NextYearWarningTests
{
    [Theory]
    [InlineData("zh-CN", "2027 年的放假安排尚未录入：跨入 2027 年的期限只按周末计算，并标为暂定。", "前往工作日历")]
    [InlineData("en", "The 2027 holiday schedule has not been entered: deadlines that run into 2027 count only weekends and are marked provisional.", "Open the work calendar")]
    public async Task Render_FromNovemberWithoutNextYear_WarnsAndLinksToThatYear(string culture, string warning, string link)
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, Clock("2026-11-01T08:00:00+08:00"));
        using var _ = new UiCulture(culture);
        await using var context = NewContext(portal);

        var rendered = context.Render<NextYearWarning>();

        rendered.WaitForAssertion(() =>
        {
            var alert = rendered.Find("[data-testid='next-year-warning']");
            Assert.Contains(warning, alert.TextContent);
            var anchor = alert.QuerySelector("a")!;
            Assert.Equal("/admin/calendar?year=2027", anchor.GetAttribute("href"));
            Assert.Equal(link, anchor.TextContent.Trim());
        });
    }

    [Theory]
    [InlineData("2026-10-31T23:59:00+08:00")]
    [InlineData("2025-12-01T09:00:00+08:00")]
    public async Task Render_BeforeNovemberOrWithNextYearEntered_ShowsNothing(string now)
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, Clock(now));
        using var _ = new UiCulture("zh-CN");
        await using var context = NewContext(portal);

        var rendered = context.Render<NextYearWarning>();

        Assert.Empty(rendered.Markup.Trim());
    }

    [Fact]
    public async Task Render_OnceNextYearIsImported_ShowsNothing()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, Clock("2026-11-20T09:00:00+08:00"));
        await portal.CalendarAsync(service => service.ImportAsync("2027-01-01,off,元旦\n", CalendarFileFormat.Csv, "admin-1"));
        using var _ = new UiCulture("zh-CN");
        await using var context = NewContext(portal);

        var rendered = context.Render<NextYearWarning>();

        Assert.Empty(rendered.Markup.Trim());
    }

    private static Action<IServiceCollection> Clock(string now) =>
        services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));

    private static BunitContext NewContext(SeededPortal portal)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.Services.AddScoped(_ => portal.Services.CreateScope().ServiceProvider.GetRequiredService<WorkCalendarService>());
        return context;
    }

    /// <summary>The UI language for the duration of a test, as the request-localization middleware would set it.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

        public UiCulture(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
