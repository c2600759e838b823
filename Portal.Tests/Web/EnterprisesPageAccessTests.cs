using System.Net;
using Portal.Domain.Identity;
using Portal.Tests.Support;
using Portal.Web.Shared;

namespace Portal.Tests.Web;

/// <summary>/enterprises by every role: the page for those who read enterprises (commissioner, cadre, supervisor, admin), 403 for the others.</summary>
public class EnterprisesPageAccessTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private static readonly (string Role, string Email)[] Cast =
    [
        (Roles.Enterprise, "enterprise@yqby.test"),
        (Roles.Commissioner, "commissioner@yqby.test"),
        (Roles.DepartmentHandler, "zrzy.handler@yqby.test"),
        (Roles.Cadre, "cadre@yqby.test"),
        (Roles.Supervisor, "supervisor@yqby.test"),
        (Roles.Admin, "admin@yqby.test"),
    ];

    public static TheoryData<string> RolesToTry() => [.. Cast.Select(c => c.Role)];

    [Theory]
    [MemberData(nameof(RolesToTry))]
    public async Task Enterprises_IsForReadersOnly(string role)
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, Cast.Single(c => c.Role == role).Email);

        using var response = await client.GetAsync("/enterprises");

        var reader = PortalNavigation.EnterpriseReaders.Split(',').Contains(role);
        Assert.True((reader ? HttpStatusCode.OK : HttpStatusCode.Forbidden) == response.StatusCode, $"{role} got {(int)response.StatusCode}");
        if (reader)
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("enterprise-row", html);
            Assert.Equal(role == Roles.Admin, html.Contains("enterprises-new", StringComparison.Ordinal));
        }
    }
}
