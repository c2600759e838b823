using System.Net;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Data.Seeding;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;

namespace Portal.Tests.Web;

/// <summary>Sign-ins in the audit log, the page and its CSV export over HTTP, on the real portal.</summary>
public class AuditPageAccessTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task SignIns_SucceededFailedAndTheLockout_AreLoggedWithTheEmailTypedAndTheAddress()
    {
        using var client = FormLogin.NewClient(host.Factory);
        (await FormLogin.PostAsync(client, "nobody-here@yqby.test", "Wrong#Pass1")).Dispose();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await FormLogin.PostAsync(client, "commissioner2@yqby.test", "Wrong#Pass" + attempt)).Dispose();
        }
        (await FormLogin.PostAsync(client, "commissioner2@yqby.test", DemoData.Password)).Dispose();
        using var signedIn = await FormLogin.SignedInClientAsync(host.Factory, "cadre@yqby.test");
        var admin = new Portal.Infrastructure.Requests.PortalUser("admin", Roles.Admin);
        var audit = host.Factory.Services.GetRequiredService<AuditLog>();

        var unknown = (await audit.SearchAsync(admin, new AuditQuery("nobody-here@yqby.test"), null)).Rows;
        var commissioner = (await audit.SearchAsync(admin, new AuditQuery("commissioner2@yqby.test"), null)).Rows;
        var cadre = (await audit.SearchAsync(admin, new AuditQuery("cadre@yqby.test", AuditKinds.SignInSucceeded), null)).Rows;

        var failure = Assert.Single(unknown);
        Assert.Equal(AuditKinds.SignInFailed, failure.Kind);
        Assert.Equal(
            [AuditKinds.SignInWhileLockedOut, AuditKinds.AccountLockedOut, .. Enumerable.Repeat(AuditKinds.SignInFailed, 4)],
            commissioner.Select(r => r.Kind).Take(6));
        Assert.NotEmpty(cadre);
    }

    [Theory]
    [InlineData("enterprise@yqby.test", Roles.Enterprise)]
    [InlineData("commissioner@yqby.test", Roles.Commissioner)]
    [InlineData("zrzy.handler@yqby.test", Roles.DepartmentHandler)]
    [InlineData("cadre@yqby.test", Roles.Cadre)]
    [InlineData("supervisor@yqby.test", Roles.Supervisor)]
    public async Task AuditPageAndExport_ForEveryRoleButAdmin_AreForbidden(string email, string role)
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, email);

        using var page = await client.GetAsync("/admin/audit");
        using var export = await client.GetAsync("/admin/audit/export");

        Assert.True(HttpStatusCode.Forbidden == page.StatusCode, $"{role} got {(int)page.StatusCode} for the page");
        Assert.True(HttpStatusCode.Forbidden == export.StatusCode, $"{role} got {(int)export.StatusCode} for the export");
        Assert.DoesNotContain("audit-row", await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("SignIn.", await export.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_ForAnAdmin_IsUtf8WithABomAndHoldsExactlyTheFilteredRows()
    {
        var audit = host.Factory.Services.GetRequiredService<AuditLog>();
        var marker = $"csv-{Guid.NewGuid():N}@yqby.test";
        await audit.RecordSignInAsync(AuditKinds.SignInFailed, null, marker, "10.1.2.3");
        await audit.RecordSignInAsync(AuditKinds.SignInFailed, null, "=cmd|'/c calc'!A1" + marker, "10.1.2.4");
        await audit.RecordSignInAsync(AuditKinds.SignInSucceeded, null, marker, "10.1.2.5");
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "admin@yqby.test");

        using var page = await client.GetAsync($"/admin/audit?user={Uri.EscapeDataString(marker)}&kind=SignIn.Failed");
        using var export = await client.GetAsync($"/admin/audit/export?user={Uri.EscapeDataString(marker)}&kind=SignIn.Failed");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\n')).ToList();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(2, html.Split("data-testid=\"audit-row\"").Length - 1);
        Assert.Contains("href=\"/admin/audit/export?user=", html);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("时间,操作人,类型,对象类型,对象,变更前,变更后,IP 地址", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.All(lines.Skip(1), l => Assert.Contains(",登录失败,User,", l));
        Assert.Contains(lines, l => l.Contains("10.1.2.3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",'=cmd|'/c calc'!A1csv-", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("10.1.2.5", StringComparison.Ordinal));
    }
}

/// <summary>The audit page's filter form clicked through with bUnit: a wrong range is marked beside its field.</summary>
public class AuditPageTests : ComponentTest
{
    [Fact]
    public async Task Search_WithTheEndBeforeTheStart_SaysSoBesideTheEndDateAndKeepsWhatWasTyped()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton(portal.Services.GetRequiredService<AuditLog>());
        SignInAs(new Portal.Infrastructure.Requests.PortalUser("admin", Roles.Admin), "admin@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = Render<AuditPage>();

        page.Find("#audit-user").Change("someone@yqby.test");
        page.Find("#audit-from").Change("2026-03-10");
        page.Find("#audit-to").Change("2026-03-02");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("结束日期不能早于开始日期。", page.Find("#audit-to").Closest(".mud-input-control")!.TextContent));
        Assert.Equal("someone@yqby.test", page.Find("#audit-user").GetAttribute("value"));
        Assert.DoesNotContain("from=", navigation.Uri);

        page.Find("#audit-to").Change("2026-03-12");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.EndsWith("/admin/audit?user=someone%40yqby.test&from=2026-03-10&to=2026-03-12", navigation.Uri));
    }
}
