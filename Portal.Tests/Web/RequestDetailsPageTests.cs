using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Portal.Domain.Calendar;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Requests;
using Portal.Tests.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Requests;
using Portal.Web.Shared;

namespace Portal.Tests.Web;

/// <summary>A request's page, rendered for each kind of reader over a real database.</summary>
public class RequestDetailsPageTests : ComponentTest
{
    private FakeTimeProvider _time = null!;
    private SeededPortal _portal = null!;

    /// <summary>创普斯's request, dispatched to 自然资源局, with an internal note and a public reply.</summary>
    private async Task<string> DispatchedRequestAsync()
    {
        (_portal, _time) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        var number = await RequestServiceTests.SubmitAsync(_portal);
        var commissioner = await _portal.UserAsync("commissioner@yqby.test");
        var zrzy = await RequestServiceTests.DepartmentAsync(_portal, "ZRZY");
        _time.Advance(TimeSpan.FromMinutes(10));
        await _portal.RequestsAsync(s => s.DispatchAsync(commissioner, number, 1, zrzy));
        _time.Advance(TimeSpan.FromMinutes(10));
        await _portal.RequestsAsync(s => s.InternalNoteAsync(commissioner, number, 2, "已电话联系自然资源局"));
        _time.Advance(TimeSpan.FromMinutes(10));
        await _portal.RequestsAsync(s => s.PublicReplyAsync(commissioner, number, 3, "已转自然资源局办理，请耐心等待。"));
        AddRequestPageServices(_portal.Services);
        return number;
    }

    private async Task<IRenderedComponent<RequestDetailsPage>> OpenAsAsync(string email, string number)
    {
        SignInAs(await _portal.UserAsync(email), email);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<RequestDetailsPage>(p => p.Add(x => x.Number, number));
    }

    [Fact]
    public async Task Staff_SeeTheWholeTimelineWithInternalEntriesMarked_AndTheDeadlines()
    {
        var number = await DispatchedRequestAsync();

        var page = await OpenAsAsync("commissioner@yqby.test", number);

        page.WaitForAssertion(() => Assert.Equal("二期项目用地报批", page.Find("[data-testid='request-title']").TextContent));
        Assert.Equal("已派单", page.Find("[data-testid='request-state']").TextContent.Trim());
        Assert.Equal(["Submit", "Dispatch", "InternalNote", "PublicReply"],
            page.FindAll("[data-testid='timeline-entry']").Select(e => e.GetAttribute("data-action")));
        var note = page.Find("[data-action='InternalNote']");
        Assert.Contains("内部", note.TextContent);
        Assert.Contains("已电话联系自然资源局", note.TextContent);
        Assert.Contains("自然资源局", page.Find("[data-action='Dispatch']").TextContent);
        Assert.Contains("2026年3月3日 17:30", page.Find("[data-testid='deadlines'] tr[data-kind='Sign']").TextContent);
    }

    [Fact]
    public async Task Staff_SeeHowLateEachRunningDeadlineIs()
    {
        var number = await DispatchedRequestAsync();
        // Wednesday 10:00: the sign deadline (Tuesday 17:30) has passed, the resolution is far off.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 4, 10, 0, 0, WorkCalendar.Offset));

        var page = await OpenAsAsync("zrzy.handler@yqby.test", number);

        page.WaitForAssertion(() => Assert.Equal("超期", page.Find("[data-testid='request-level']").TextContent));
        Assert.Equal("超期", page.Find("tr[data-kind='Sign'] [data-testid='deadline-level']").TextContent);
        Assert.Contains("level-overdue", page.Find("tr[data-kind='Sign'] [data-testid='deadline-level']").ClassName);
        Assert.Equal("正常", page.Find("tr[data-kind='Resolve'] [data-testid='deadline-level']").TextContent);
        Assert.Equal("已完成", page.Find("tr[data-kind='FirstReply'] td:last-child").TextContent.Trim());
    }

    [Fact]
    public async Task TheEnterprise_SeesItsRequestWithoutInternalEntriesOrStaffDeadlines_AndOpeningItReadsItsNotices()
    {
        var number = await DispatchedRequestAsync();
        var enterprise = await _portal.UserAsync("enterprise@yqby.test");
        var inbox = _portal.Services.GetRequiredService<NotificationInbox>();
        Assert.Equal(2, await inbox.UnreadCountAsync(enterprise.Id));

        var page = await OpenAsAsync("enterprise@yqby.test", number);

        page.WaitForAssertion(() => Assert.Equal(["Submit", "Dispatch", "PublicReply"],
            page.FindAll("[data-testid='timeline-entry']").Select(e => e.GetAttribute("data-action"))));
        Assert.DoesNotContain("已电话联系自然资源局", page.Markup);
        Assert.Equal(["Resolve"], page.FindAll("[data-testid='deadlines'] tbody tr").Select(r => r.GetAttribute("data-kind")));
        Assert.Contains("2026年3月16日 17:30", page.Find("tr[data-kind='Resolve']").TextContent);
        Assert.Equal("自然资源局", page.Find("[data-testid='request-department']").TextContent);
        Assert.Equal("李明", page.Find("[data-testid='request-commissioner']").TextContent);
        Assert.Equal(0, await inbox.UnreadCountAsync(enterprise.Id));
    }

    [Fact]
    public async Task AnotherEnterprise_IsToldThereIsNoSuchRequest()
    {
        var number = await DispatchedRequestAsync();

        var page = await OpenAsAsync("enterprise2@yqby.test", number);

        page.WaitForAssertion(() => Assert.Contains("诉求不存在或您无权查看", page.Markup));
        Assert.DoesNotContain("二期项目用地报批", page.Markup);
    }

    protected override ValueTask DisposeTestResourcesAsync() => _portal?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The page over HTTP: the server, not the browser, decides who sees a request.</summary>
public class RequestDetailsPageAccessTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task ARequestOfAnotherEnterprise_IsNotFound_AndShowsNothingOfIt()
    {
        string number;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == "enterprise@yqby.test");
            number = await scope.ServiceProvider.GetRequiredService<RequestService>().SubmitAsync(
                new PortalUser(user.Id, Roles.Enterprise, EnterpriseId: user.EnterpriseId),
                new SubmitRequestInput(user.EnterpriseId!.Value, 1, Urgency.Normal, RequestChannel.Portal, "污水管网接入审批", "请协调污水管网接入。"));
        }
        using var owner = await FormLogin.SignedInClientAsync(host.Factory, "enterprise@yqby.test");
        using var outsider = await FormLogin.SignedInClientAsync(host.Factory, "enterprise2@yqby.test");

        using var ownResponse = await owner.GetAsync($"/requests/{number}");
        var own = await ownResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        using var other = await outsider.GetAsync($"/requests/{number}");
        var otherHtml = await other.Content.ReadAsStringAsync();

        Assert.Contains("污水管网接入审批", own);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("页面不存在", otherHtml);
        Assert.DoesNotContain("污水管网接入审批", otherHtml);
    }
}
