using System.Text.RegularExpressions;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary>Government networks have no internet: no page may point the browser at another host.</summary>
public partial class NoExternalAssetTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData(null, "/Account/Login")]
    [InlineData(null, "/Account/ForgotPassword")]
    [InlineData(null, "/status/404")]
    [InlineData("supervisor@yqby.test", "/")]
    [InlineData("admin@yqby.test", "/Account/Manage")]
    public async Task Page_ReferencesNothingOnAnotherHost(string? email, string path)
    {
        using var client = email is null ? FormLogin.NewClient(host.Factory) : await FormLogin.SignedInClientAsync(host.Factory, email);

        var html = await client.GetStringAsync(path);

        var external = ExternalReference().Matches(html).Select(m => m.Value).ToList();
        Assert.True(external.Count == 0, $"{path} references: {string.Join(", ", external)}");
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html);
    }

    // src/href/action/srcset attributes and CSS url() pointing at an absolute or protocol-relative address.
    [GeneratedRegex(@"(?:(?:src|href|action|srcset|poster|data)\s*=\s*[""']?|url\(\s*[""']?)(?:[a-z][a-z0-9+.-]*:)?//[^""'\s)>]+", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
