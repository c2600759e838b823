using System.Net;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>The filing pages over HTTP: the server decides who may open them.</summary>
public class FilingPageAccessTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Theory]
    [InlineData("enterprise@yqby.test", "/requests/new", HttpStatusCode.OK)]
    [InlineData("commissioner@yqby.test", "/requests/new", HttpStatusCode.OK)]
    [InlineData("zrzy.handler@yqby.test", "/requests/new", HttpStatusCode.Forbidden)]
    [InlineData("cadre@yqby.test", "/requests/new", HttpStatusCode.Forbidden)]
    [InlineData("supervisor@yqby.test", "/requests/new", HttpStatusCode.Forbidden)]
    [InlineData("admin@yqby.test", "/requests/new", HttpStatusCode.Forbidden)]
    [InlineData("enterprise@yqby.test", "/requests", HttpStatusCode.OK)]
    [InlineData("commissioner@yqby.test", "/requests", HttpStatusCode.OK)]
    [InlineData("zrzy.handler@yqby.test", "/requests", HttpStatusCode.OK)]
    [InlineData("cadre@yqby.test", "/requests", HttpStatusCode.OK)]
    [InlineData("supervisor@yqby.test", "/requests", HttpStatusCode.OK)]
    [InlineData("admin@yqby.test", "/requests", HttpStatusCode.OK)]
    public async Task ThePage_OpensForItsRolesOnly(string email, string path, HttpStatusCode expected)
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, email);

        using var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task TheFormAndTheList_SayWhatTheyAre_InChinese()
    {
        using var client = await FormLogin.SignedInClientAsync(host.Factory, "enterprise@yqby.test");

        var form = await client.GetStringAsync("/requests/new");
        var list = await client.GetStringAsync("/requests");

        Assert.Contains("一般 10 个工作日内办结", form);
        Assert.Contains("最多 10 个，每个不超过 20 MB", form);
        Assert.Contains("我的诉求", list);
    }

    [Fact]
    public async Task Anonymously_ThePagesSendToSignIn()
    {
        using var client = FormLogin.NewClient(host.Factory);

        using var form = await client.GetAsync("/requests/new");

        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains("/Account/Login", form.Headers.Location?.OriginalString);
    }
}
