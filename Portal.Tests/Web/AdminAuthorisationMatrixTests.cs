using System.Net;
using Portal.Domain.Identity;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>Every admin page and endpoint, by every role: 403 for all but the admin, who gets the page.</summary>
public class AdminAuthorisationMatrixTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private static readonly string[] AdminAddresses =
        ["/admin/users", "/admin/audit", "/admin/audit/export", "/admin/outbox", "/admin/calendar", "/admin/organisation", "/admin/categories", "/admin/settings", "/admin/problems", "/jobs"];

    private static readonly (string Role, string Email)[] Cast =
    [
        (Roles.Enterprise, "enterprise@yqby.test"),
        (Roles.Commissioner, "commissioner@yqby.test"),
        (Roles.DepartmentHandler, "zrzy.handler@yqby.test"),
        (Roles.Cadre, "cadre@yqby.test"),
        (Roles.Supervisor, "supervisor@yqby.test"),
        (Roles.Admin, "admin@yqby.test"),
    ];

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var address in AdminAddresses)
        {
            foreach (var (role, _) in Cast)
            {
                data.Add(address, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task AdminAddress_IsForbiddenToAllButTheAdmin(string address, string role)
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, Cast.Single(c => c.Role == role).Email);

        using var response = await client.GetAsync(address);

        var expected = role == Roles.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.True(expected == response.StatusCode, $"{role} got {(int)response.StatusCode} at {address}");
    }
}
