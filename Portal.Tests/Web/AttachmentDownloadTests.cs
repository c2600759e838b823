using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Domain.Requests;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;

namespace Portal.Tests.Web;

/// <summary><c>GET /attachments/{id}</c> on the real portal: a download for those who may see the request, 404 for anyone else.</summary>
public class AttachmentDownloadTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private static readonly byte[] Plan = SampleFiles.Pdf("site plan");

    /// <summary>创普斯 files a request with a PDF called 用地红线图.pdf.</summary>
    private async Task<Guid> FiledAttachmentAsync()
    {
        var services = host.Factory.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "enterprise@yqby.test");
        var enterprise = new PortalUser(user.Id, Roles.Enterprise, EnterpriseId: user.EnterpriseId);
        using var content = new MemoryStream(Plan);
        var file = await services.GetRequiredService<AttachmentService>().AddToDraftAsync(enterprise, "用地红线图.pdf", content);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RequestService>().SubmitAsync(enterprise, new SubmitRequestInput(
            user.EnterpriseId!.Value, 1, Urgency.Normal, RequestChannel.Portal, "用地报批", "请协调用地报批。", [file.Id]));
        return file.Id;
    }

    [Fact]
    public async Task TheOwner_DownloadsItAsAnAttachment_WithItsTypeAndNoSniffing()
    {
        var id = await FiledAttachmentAsync();
        using var owner = await FormLogin.SignedInClientAsync(host.Factory, "enterprise@yqby.test");

        using var response = await owner.GetAsync($"/attachments/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("用地红线图.pdf", disposition.FileNameStar);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(Plan, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task TheirCommissioner_DownloadsIt()
    {
        var id = await FiledAttachmentAsync();
        using var commissioner = await FormLogin.SignedInClientAsync(host.Factory, "commissioner@yqby.test");

        using var response = await commissioner.GetAsync($"/attachments/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Plan, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnotherEnterprisesUser_GetsNotFound_AndNoneOfTheFile()
    {
        var id = await FiledAttachmentAsync();
        using var outsider = await FormLogin.SignedInClientAsync(host.Factory, "enterprise2@yqby.test");

        using var response = await outsider.GetAsync($"/attachments/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.DoesNotContain("site plan", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/attachments/5d0c2b8e-8c55-4b8e-9a55-2f7d6c1e0a11")]
    [InlineData("/attachments/00000000-0000-0000-0000-000000000001")]
    [InlineData("/attachments/not-a-guid")]
    public async Task AGuessedId_GetsNotFound(string path)
    {
        using var owner = await FormLogin.SignedInClientAsync(host.Factory, "enterprise@yqby.test");

        using var response = await owner.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Anonymously_TheDownloadSendsToSignIn()
    {
        var id = await FiledAttachmentAsync();
        using var anonymous = FormLogin.NewClient(host.Factory);

        using var response = await anonymous.GetAsync($"/attachments/{id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public void TheStore_LiesOutsideTheWebRoot()
    {
        var store = host.Factory.Services.GetRequiredService<AttachmentStore>();
        var webRoot = Path.GetFullPath(host.Factory.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath);

        Assert.False(store.Root.StartsWith(webRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.Equal(Path.GetFullPath(host.Factory.AttachmentDirectory), store.Root);
    }
}
