using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Calendar;
using Portal.Infrastructure.Calendar;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Escalation;
using Portal.Tests.Support;
using Portal.Web.Components.Shortcuts;
using Portal.Web.Features.Workspace;
using static Portal.Tests.Infrastructure.Requests.RequestAuthorisationMatrixTests;

namespace Portal.Tests.Web;

/// <summary>The staff queue page over a real database on a fake clock: order, markers, countdowns, tabs, live.</summary>
public class WorkspacePageTests : ComponentTest
{
    private StagedPortal _staged = null!;

    private async Task StartAsync()
    {
        _staged = await EscalationJobTests.StagedAsync(DatabaseProvider.Sqlite);
        var services = _staged.Portal.Services;
        Services.AddScoped(_ => services.CreateScope().ServiceProvider.GetRequiredService<WorkQueue>());
        Services.AddScoped(_ => services.CreateScope().ServiceProvider.GetRequiredService<WorkCalendarService>());
        Services.AddSingleton<TimeProvider>(_staged.Time);
        Services.AddSingleton(services.GetRequiredService<ILiveNotifier>());
    }

    private async Task<IRenderedComponent<WorkspacePage>> OpenAsAsync(string email)
    {
        SignInAs(await _staged.Portal.UserAsync(email), email);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<WorkspacePage>();
    }

    [Fact]
    public async Task TheQueue_ListsTheNearestDeadlineFirst_WithItsMarkerAndWorkingTimeLeft()
    {
        await StartAsync();
        var (first, _) = await _staged.StageAsync(Stage.Submitted);
        _staged.Time.Advance(TimeSpan.FromHours(1));
        var (second, _) = await _staged.StageAsync(Stage.Submitted);
        // Monday 11:45: the first dispatch deadline (11:01) passed 44 minutes ago, the second (12:02) is at its warning.
        _staged.Time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 11, 45, 0, WorkCalendar.Offset));

        var page = await OpenAsAsync("commissioner@yqby.test");

        page.WaitForAssertion(() => Assert.Equal([first, second], page.FindAll("[data-testid='queue-row']").Select(r => r.GetAttribute("data-number"))));
        Assert.Equal(["Overdue", "Warning"], page.FindAll("[data-testid='queue-level-marker']").Select(m => m.GetAttribute("data-level")));
        Assert.Equal(["超期", "预警"], page.FindAll("[data-testid='queue-level-marker']").Select(m => m.TextContent));
        Assert.Equal(["已超期 44 分钟", "剩余 17 分钟"], page.FindAll("[data-testid='queue-countdown']").Select(c => c.TextContent));
        Assert.Equal("2", page.Find("[data-tab='Submitted'] [data-testid='queue-count']").TextContent);
    }

    [Fact]
    public async Task ATab_ShowsItsStates_AndARequestDispatchedToADepartment_AppearsInItsQueueLive()
    {
        await StartAsync();
        var (number, version) = await _staged.StageAsync(Stage.Submitted);

        var page = await OpenAsAsync("zrzy.handler@yqby.test");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='queue-empty']")));
        Assert.Equal("true", page.Find("[data-tab='Dispatched']").GetAttribute("aria-selected"));

        var commissioner = await _staged.Portal.UserAsync("commissioner@yqby.test");
        await _staged.Portal.RequestsAsync(s => s.DispatchAsync(commissioner, number!, version, _staged.Ids.Lead));

        page.WaitForAssertion(() => Assert.Equal([number], page.FindAll("[data-testid='queue-row']").Select(r => r.GetAttribute("data-number"))));
        Assert.Contains("自然资源局", page.Find("[data-testid='queue-row']").TextContent);
    }

    [Fact]
    public async Task TheFilters_AreLabelledNativeSelects_ThatNarrowTheQueue_AndAllWidensItAgain()
    {
        await StartAsync();
        var (first, _) = await _staged.StageAsync(Stage.Submitted);
        var (second, _) = await _staged.StageAsync(Stage.Submitted);
        var other = await _staged.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Id != _staged.Ids.Category).Select(c => c.Id).FirstAsync());

        var page = await OpenAsAsync("commissioner@yqby.test");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='queue-row']").Count));
        var category = page.Find("[data-testid='queue-category']");
        Assert.Equal("label", category.ParentElement!.LocalName);
        Assert.Contains("诉求类别", category.ParentElement.TextContent);
        Assert.Equal("全部", page.Find("[data-testid='queue-category'] option").TextContent);

        category.Change(other.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='queue-empty']")));

        page.Find("[data-testid='queue-category']").Change(_staged.Ids.Category.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.WaitForAssertion(() => Assert.Equal([first, second], page.FindAll("[data-testid='queue-row']").Select(r => r.GetAttribute("data-number"))));

        page.Find("[data-testid='queue-level']").Change("SeverelyOverdue");
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='queue-empty']")));

        page.Find("[data-testid='queue-level']").Change("");
        page.Find("[data-testid='queue-category']").Change("");
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid='queue-row']").Count));
    }

    [Fact]
    public async Task JAndK_MoveTheSelection_AndEnterOpensTheSelectedRequest()
    {
        await StartAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await _staged.StageAsync(Stage.Submitted)).Number!);
        }
        var page = await OpenAsAsync("commissioner@yqby.test");
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid='queue-row']").Count));
        var keys = page.FindComponent<KeyboardShortcuts>();

        string? Selected() => page.FindAll("tr.queue-selected").SingleOrDefault()?.GetAttribute("data-number");
        Assert.Null(Selected());
        foreach (var (key, expected) in new[] { ("j", 0), ("j", 1), ("j", 2), ("j", 2), ("k", 1) })
        {
            await page.InvokeAsync(() => keys.Instance.OnShortcut(key));
            Assert.Equal(numbers[expected], Selected());
        }
        Assert.Equal("true", page.Find("tr.queue-selected").GetAttribute("aria-current"));

        await page.InvokeAsync(() => keys.Instance.OnShortcut("Enter"));

        Assert.EndsWith($"/requests/{numbers[1]}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    protected override ValueTask DisposeTestResourcesAsync() => _staged?.Portal.DisposeAsync() ?? ValueTask.CompletedTask;
}
