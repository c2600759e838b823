using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

public class HealthTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutSigningIn_AnswersHealthy(string path)
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
