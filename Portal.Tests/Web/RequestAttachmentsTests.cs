using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Requests;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Attachments;

namespace Portal.Tests.Web;

/// <summary>A request's files on its page: download links for its readers, nothing for anyone else.</summary>
public class RequestAttachmentsTests : ComponentTest
{
    private FilingPortal? _filing;

    protected override ValueTask DisposeTestResourcesAsync() => _filing?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<(string Number, Guid File)> FiledAsync()
    {
        _filing = await FilingPortal.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton(_filing.Attachments);
        var enterprise = await _filing.UserAsync("enterprise@yqby.test");
        var file = await _filing.UploadAsync(enterprise, "现场照片.jpg", SampleFiles.Jpeg());
        var category = await _filing.Portal.QueryAsync(db => db.RequestCategories.Select(c => c.Id).FirstAsync());
        var number = await _filing.Portal.RequestsAsync(s => s.SubmitAsync(enterprise, new SubmitRequestInput(
            enterprise.EnterpriseId!.Value, category, Urgency.Normal, RequestChannel.Portal, "厂区道路破损", "货车无法进出。", [file.Id])));
        return (number, file.Id);
    }

    private async Task<IRenderedComponent<RequestAttachments>> RenderAsAsync(string email, string number)
    {
        var user = await _filing!.UserAsync(email);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id) };
        if (user.EnterpriseId is { } enterprise)
        {
            claims.Add(new(PortalClaims.EnterpriseId, enterprise.ToString(CultureInfo.InvariantCulture)));
        }
        AddAuthorization().SetAuthorized(email).SetRoles(user.Role).SetClaims([.. claims]);
        return Render<RequestAttachments>(p => p.Add(x => x.Number, number));
    }

    [Fact]
    public async Task TheEnterprise_SeesItsFile_AsALinkToTheAuthorisedDownload()
    {
        var (number, file) = await FiledAsync();

        var list = await RenderAsAsync("enterprise@yqby.test", number);

        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid='attachment']")));
        var link = list.Find("[data-testid='attachment-link']");
        Assert.Equal("现场照片.jpg", link.TextContent);
        Assert.Equal($"/attachments/{file:D}", link.GetAttribute("href"));
        Assert.Equal("下载 现场照片.jpg", link.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task AnotherEnterprise_SeesNoFile()
    {
        var (number, _) = await FiledAsync();

        var list = await RenderAsAsync("enterprise2@yqby.test", number);

        list.WaitForAssertion(() => Assert.Equal("暂无附件", list.Find("[data-testid='attachments-none']").TextContent));
        Assert.DoesNotContain("现场照片", list.Markup);
    }
}
