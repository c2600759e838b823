using System.Net;
using Portal.Domain.Identity;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

public class JobsDashboardTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task Jobs_ForAnAnonymousVisitor_RedirectsToTheLoginPage()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=%2Fjobs", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("enterprise@yqby.test", Roles.Enterprise)]
    [InlineData("commissioner@yqby.test", Roles.Commissioner)]
    [InlineData("zrzy.handler@yqby.test", Roles.DepartmentHandler)]
    [InlineData("cadre@yqby.test", Roles.Cadre)]
    [InlineData("supervisor@yqby.test", Roles.Supervisor)]
    public async Task Jobs_ForEveryRoleButAdmin_IsForbidden(string email, string role)
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, email);

        using var response = await client.GetAsync("/jobs");

        Assert.True(HttpStatusCode.Forbidden == response.StatusCode, $"{role} got {(int)response.StatusCode}");
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Jobs_ForAnAdmin_ShowsTheDashboardWithTheHeartbeatJob()
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "admin@yqby.test");

        using var dashboard = await client.GetAsync("/jobs");
        using var recurring = await client.GetAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("有求必应 · 后台任务", await dashboard.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        Assert.Contains("heartbeat", await recurring.Content.ReadAsStringAsync());
    }
}
