using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Notifications;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Components.Layout;
using Portal.Web.Features.Notifications;

namespace Portal.Tests.Web;

/// <summary>The bell and the notification pages, rendered with bUnit over a real database and the real live notifier.</summary>
public class NotificationBellTests : ComponentTest
{
    private FakeTimeProvider _time = null!;
    private SeededPortal? _portal;

    private async Task<(SeededPortal Portal, string CommissionerId)> SignedInAsCommissionerAsync()
    {
        (_portal, _time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        var commissioner = await _portal.UserAsync("commissioner@yqby.test");
        Services.AddSingleton(_portal.Services.GetRequiredService<NotificationInbox>());
        Services.AddSingleton(_portal.Services.GetRequiredService<ILiveNotifier>());
        AddAuthorization().SetAuthorized("李明").SetRoles(commissioner.Role).SetClaims(new Claim(ClaimTypes.NameIdentifier, commissioner.Id));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return (_portal, commissioner.Id);
    }

    [Fact]
    public async Task TheBell_CountsUnread_AndUpdatesWhenTheNotifierPublishes()
    {
        var (portal, _) = await SignedInAsCommissionerAsync();
        await RequestServiceTests.SubmitAsync(portal);

        var bell = Render<NotificationBell>();

        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid='bell']").GetAttribute("data-unread")));
        Assert.Equal("通知：1 条未读", bell.Find("[data-testid='bell']").GetAttribute("aria-label"));

        _time.Advance(TimeSpan.FromMinutes(1));
        await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");

        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid='bell']").GetAttribute("data-unread")));
        Assert.Contains("2", bell.Find(".mud-badge").TextContent);
    }

    [Fact]
    public async Task TheBell_CountsNoFurtherThanItShows_AndSaysSo()
    {
        var (portal, commissionerId) = await SignedInAsCommissionerAsync();
        await RequestServiceTests.SubmitAsync(portal);
        // A commissioner who let the notices pile up: copies of the first under other event numbers.
        await using (var db = await portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var first = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.PortalNotifications, n => n.UserId == commissionerId);
            for (var sequence = 1; sequence <= NotificationInbox.BellCountLimit + 20; sequence++)
            {
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(db.Database,
                    $"""INSERT INTO "PortalNotifications" ("UserId", "RequestNumber", "RequestTitle", "EventSequence", "Action", "CreatedAt") SELECT "UserId", "RequestNumber", "RequestTitle", {first.EventSequence + sequence}, "Action", "CreatedAt" FROM "PortalNotifications" WHERE "Id" = {first.Id}""");
            }
        }
        var inbox = portal.Services.GetRequiredService<NotificationInbox>();
        Assert.Equal(NotificationInbox.BellCountLimit + 21, await inbox.UnreadCountAsync(commissionerId));
        Assert.Equal(NotificationInbox.BellCountLimit, await inbox.UnreadCountAsync(commissionerId, NotificationInbox.BellCountLimit));

        var bell = Render<NotificationBell>();

        bell.WaitForAssertion(() => Assert.Equal("100", bell.Find("[data-testid='bell']").GetAttribute("data-unread")));
        Assert.Equal("通知：99 条以上未读", bell.Find("[data-testid='bell']").GetAttribute("aria-label"));
        Assert.Contains("99+", bell.Find(".mud-badge").TextContent);
    }

    [Fact]
    public async Task MarkAllRead_OnTheList_EmptiesTheBellOnTheSamePage()
    {
        var (portal, _) = await SignedInAsCommissionerAsync();
        var first = await RequestServiceTests.SubmitAsync(portal);
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await RequestServiceTests.SubmitAsync(portal, "enterprise2@yqby.test");
        var bell = Render<NotificationBell>();
        var list = Render<NotificationsPage>();

        list.WaitForAssertion(() => Assert.Equal(2, list.FindAll("[data-testid='notification']").Count));
        var items = list.FindAll("[data-testid='notification']");
        Assert.Contains($"诉求“二期项目用地报批”（{second}）已提交，等待受理", items[0].TextContent);
        Assert.Contains(first, items[1].TextContent);
        Assert.All(items, i => Assert.Equal("false", i.GetAttribute("data-read")));

        list.Find("[data-testid='mark-all-read'] button, button[data-testid='mark-all-read']").Click();

        list.WaitForAssertion(() => Assert.All(list.FindAll("[data-testid='notification']"), i => Assert.Equal("true", i.GetAttribute("data-read"))));
        Assert.Contains("已将 2 条通知标为已读。", list.Markup);
        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("[data-testid='bell']").GetAttribute("data-unread")));
        Assert.Equal("通知：没有未读通知", bell.Find("[data-testid='bell']").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task TheList_InEnglish_SaysWhatHappenedInEnglish()
    {
        UseCulture(Portal.Web.Shared.PortalCulture.English);
        var (portal, _) = await SignedInAsCommissionerAsync();
        var number = await RequestServiceTests.SubmitAsync(portal);

        var list = Render<NotificationsPage>();

        list.WaitForAssertion(() => Assert.Contains(
            $"Request “二期项目用地报批” ({number}) was submitted and awaits dispatch", list.Find("[data-testid='notification']").TextContent));
        Assert.Contains("Mark all read", list.Markup);
    }

    [Fact]
    public async Task Settings_TurningOffEmailForAnEvent_IsSavedButSupervisionStaysOn()
    {
        var (portal, commissionerId) = await SignedInAsCommissionerAsync();
        var page = Render<NotificationSettingsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='notification-settings'] tr[data-action]")));
        var supervise = page.Find("tr[data-action='Supervise'] input");
        Assert.True(supervise.HasAttribute("disabled"));
        Assert.Contains("始终发送邮件", page.Find("tr[data-action='Supervise']").TextContent);
        page.Find("tr[data-action='Submit'] input").Change(false);
        page.Find("button[data-testid='save-settings']").Click();

        page.WaitForAssertion(() => Assert.Equal("通知设置已保存。", page.Find("[data-testid='settings-saved']").TextContent.Trim()));
        var choices = await portal.Services.GetRequiredService<NotificationInbox>().ChoicesAsync(commissionerId, "Commissioner");
        Assert.False(choices.Single(c => c.Action == RequestAction.Submit).ByEmail);
        Assert.True(choices.Single(c => c.Action == RequestAction.Dispatch).ByEmail);
    }

    protected override ValueTask DisposeTestResourcesAsync() => _portal?.DisposeAsync() ?? ValueTask.CompletedTask;
}
