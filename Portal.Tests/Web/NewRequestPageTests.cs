using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Attachments;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Data;
using MudBlazor;
using MudBlazor.Extensions;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;
using Portal.Tests.Support;
using Portal.Web.Features.Requests;

namespace Portal.Tests.Web;

/// <summary>
/// The form for a new request over a real database and store: each kind of bad input gets a message
/// beside its field and loses nothing typed or attached; the draft outlives the page; a good one files.
/// </summary>
public class NewRequestPageTests : ComponentTest
{
    private const string Title = "二期项目用地报批";
    private const string Description = "二期项目用地报批已逾两个月，影响开工，请协调自然资源局加快办理。";

    private FilingPortal? _filing;

    private FilingPortal Filing => _filing ?? throw new InvalidOperationException("Open the page first.");

    private async Task StartAsync(string email = "enterprise@yqby.test")
    {
        _filing = await FilingPortal.CreateAsync(DatabaseProvider.Sqlite);
        await AddFilingPageServicesAsync(_filing, email);
    }

    protected override ValueTask DisposeTestResourcesAsync() => _filing?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IRenderedComponent<NewRequestPage>> OpenAsync()
    {
        if (_filing is null)
        {
            await StartAsync();
        }
        var page = Render<NewRequestPage>();
        page.WaitForElement("[data-testid='new-request-form']");
        return page;
    }

    private async Task<int> LandAsync() =>
        await Filing.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Code == "LAND").Select(c => c.Id).SingleAsync());

    private static void Type(IRenderedComponent<NewRequestPage> page, string selector, string text) => page.Find(selector).Input(text);

    private async Task ChooseLandAsync(IRenderedComponent<NewRequestPage> page)
    {
        var land = await LandAsync();
        page.Find($"[data-category='{land}'] input[type='radio']").Click();
    }

    private static void Upload(IRenderedComponent<NewRequestPage> page, params (string Name, byte[] Content)[] files) =>
        page.FindComponent<InputFile>().UploadFiles([.. files.Select(f => InputFileContent.CreateFromBinary(f.Content, f.Name))]);

    private static string ValueOf(IRenderedComponent<NewRequestPage> page, string selector) =>
        page.Find(selector).GetAttribute("value") ?? page.Find(selector).TextContent;

    private static void Submit(IRenderedComponent<NewRequestPage> page) => page.Find("form[data-testid='new-request-form']").Submit();

    private Task<int> RequestCountAsync() => Filing.Portal.QueryAsync(db => db.ServiceRequests.CountAsync());

    [Fact]
    public async Task EachCategory_SaysItsTimeLimitInWords()
    {
        var page = await OpenAsync();
        var land = await LandAsync();

        Assert.Contains("一般 10 个工作日内办结", page.Find($"[data-category='{land}'] [data-testid='category-promise']").TextContent);
        Assert.Contains("紧急 3 个工作日内办结", page.Find($"[data-category='{land}'] [data-testid='category-promise']").TextContent);
    }

    [Fact]
    public async Task AnEmptyTitle_IsMarkedBesideTheTitle_AndTheRestIsKept()
    {
        var page = await OpenAsync();
        await ChooseLandAsync(page);
        Type(page, "#request-description", Description);
        Upload(page, ("红线图.pdf", SampleFiles.Pdf()));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='file']")));

        Submit(page);

        page.WaitForAssertion(() => Assert.Contains("请填写标题", page.Find("[data-testid='title']").TextContent));
        Assert.DoesNotContain("请填写诉求内容", page.Markup);
        Assert.Equal(Description, ValueOf(page, "#request-description"));
        Assert.Single(page.FindAll("[data-testid='file']"));
        Assert.Contains("已填写的内容和附件都已保留", page.Find("[data-testid='form-error']").TextContent);
        Assert.Equal(0, await RequestCountAsync());
    }

    [Fact]
    public async Task ADescriptionOf10000Characters_IsMarkedWithTheLimit_AndKeptWhole()
    {
        var page = await OpenAsync();
        await ChooseLandAsync(page);
        Type(page, "#request-title", Title);
        var tooLong = string.Concat(Enumerable.Repeat("用地", 5000));

        Type(page, "#request-description", tooLong);
        Submit(page);

        page.WaitForAssertion(() => Assert.Contains("诉求内容最多 5000 字，现有 10000 字", page.Find("[data-testid='description']").TextContent));
        Assert.Equal(tooLong, ValueOf(page, "#request-description"));
        Assert.Equal(Title, ValueOf(page, "#request-title"));
        Assert.Equal(0, await RequestCountAsync());
        // The draft keeps it whole too, to be shortened rather than typed again.
        Assert.Equal(tooLong, (await Filing.Filing.DraftAsync(await Filing.UserAsync("enterprise@yqby.test"))).Description);
    }

    [Fact]
    public async Task AFileOf21MB_IsRefusedBesideTheFiles_AndWhatWasTypedIsKept()
    {
        var page = await OpenAsync();
        Type(page, "#request-title", Title);

        Upload(page, ("扫描件.pdf", SampleFiles.Pdf(size: 21 * 1024 * 1024)));

        page.WaitForAssertion(() => Assert.Contains("“扫描件.pdf”有 21.0 MB，超过 20 MB，未添加", page.Find("[data-testid='files-errors']").TextContent));
        Assert.Empty(page.FindAll("[data-testid='file']"));
        Assert.Equal(Title, ValueOf(page, "#request-title"));
        Assert.Empty(Filing.StoredFiles());
    }

    [Fact]
    public async Task AnExeRenamedPdf_IsRefusedByItsContent_AndTheGoodFilesBesideItAreKept()
    {
        var page = await OpenAsync();
        Type(page, "#request-title", Title);

        Upload(page, ("现场照片.png", SampleFiles.Png()), ("说明.pdf", SampleFiles.Exe()));

        page.WaitForAssertion(() => Assert.Contains("“说明.pdf”不是 PDF、图片、Word 或 Excel 文件", page.Find("[data-testid='files-errors']").TextContent));
        Assert.Equal(["现场照片.png"], page.FindAll("[data-testid='file']").Select(f => f.GetAttribute("data-name")));
        Assert.Equal(Title, ValueOf(page, "#request-title"));
        Assert.Single(Filing.StoredFiles());
    }

    [Fact]
    public async Task AnEleventhFile_IsRefused_AndTheTenAreKept()
    {
        var page = await OpenAsync();
        Type(page, "#request-title", Title);
        Upload(page, [.. Enumerable.Range(1, Attachment.MaxPerFiling).Select(i => ($"材料{i}.pdf", SampleFiles.Pdf()))]);
        page.WaitForAssertion(() => Assert.Equal(Attachment.MaxPerFiling, page.FindAll("[data-testid='file']").Count));

        Upload(page, ("材料11.pdf", SampleFiles.Pdf()));

        page.WaitForAssertion(() => Assert.Contains("“材料11.pdf”未添加：一件诉求最多 10 个附件", page.Find("[data-testid='files-errors']").TextContent));
        Assert.Equal(Attachment.MaxPerFiling, page.FindAll("[data-testid='file']").Count);
        Assert.Equal(Title, ValueOf(page, "#request-title"));
    }

    [Fact]
    public async Task TheDraft_WithItsFiles_OutlivesThePage()
    {
        var page = await OpenAsync();
        await ChooseLandAsync(page);
        Type(page, "#request-title", Title);
        Type(page, "#request-description", Description);
        Upload(page, ("红线图.pdf", SampleFiles.Pdf()));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='file']")));

        Filing.Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Contains("草稿已于", page.Find("[data-testid='draft-status']").TextContent));
        await DisposeComponentsAsync();
        var reloaded = await OpenAsync();

        Assert.Equal(Title, ValueOf(reloaded, "#request-title"));
        Assert.Equal(Description, ValueOf(reloaded, "#request-description"));
        Assert.Equal(["红线图.pdf"], reloaded.FindAll("[data-testid='file']").Select(f => f.GetAttribute("data-name")));
        var land = await LandAsync();
        Assert.NotNull(reloaded.Find($"[data-category='{land}'] input[type='radio']").GetAttribute("checked"));
    }

    [Fact]
    public async Task AGoodRequest_IsFiledWithItsFile_AndTheReceiptNamesTheCommissionerAndTheDeadlines()
    {
        var page = await OpenAsync();
        await ChooseLandAsync(page);
        Type(page, "#request-title", Title);
        Type(page, "#request-description", Description);
        Upload(page, ("红线图.pdf", SampleFiles.Pdf()));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='file']")));

        Submit(page);

        page.WaitForAssertion(() => Assert.Equal("YQBY-20260302-0001", page.Find("[data-testid='receipt-number']").TextContent));
        Assert.Contains("由服务专员 李明 受理", page.Find("[data-testid='receipt-commissioner']").TextContent);
        var deadlines = page.Find("[data-testid='receipt-deadlines']");
        Assert.Contains("受理派单：2 个工作小时内，截至 2026年3月2日 11:00", deadlines.TextContent);
        Assert.Contains("办结：10 个工作日内，截至 2026年3月16日 17:30", deadlines.TextContent);
        var enterprise = await Filing.UserAsync("enterprise@yqby.test");
        Assert.Equal(["红线图.pdf"], (await Filing.Attachments.ForRequestAsync(enterprise, "YQBY-20260302-0001"))!.Select(f => f.FileName));
        Assert.Null((await Filing.Filing.DraftAsync(enterprise)).SavedAt);
    }

    private Task DeactivateLandAsync(int land) =>
        Filing.Portal.QueryAsync(db => db.RequestCategories.Where(c => c.Id == land).ExecuteUpdateAsync(u => u.SetProperty(c => c.IsActive, false)));

    [Fact]
    public async Task ADraftHoldingACategoryMadeInactive_SaysSoBesideTheCategories_OffersItNoMore_AndKeepsTheRest()
    {
        await StartAsync();
        var enterprise = await Filing.UserAsync("enterprise@yqby.test");
        var land = await LandAsync();
        await Filing.Filing.SaveDraftAsync(enterprise, null, null, land, Portal.Domain.Requests.Urgency.Normal, Title, Description);
        await DeactivateLandAsync(land);

        var page = await OpenAsync();

        Assert.Contains("草稿中所选的诉求类别已停用，请重新选择。", page.Find("[data-testid='category-error']").TextContent);
        Assert.Empty(page.FindAll($"[data-category='{land}']"));
        Assert.NotEmpty(page.FindAll("[data-testid='category']"));
        Assert.Equal(Title, ValueOf(page, "#request-title"));
        Assert.Equal(Description, ValueOf(page, "#request-description"));
    }

    [Fact]
    public async Task ACategoryMadeInactiveWhileTheFormIsOpen_IsRefusedOnSubmitBesideTheCategories_AndNothingTypedIsLost()
    {
        var page = await OpenAsync();
        await ChooseLandAsync(page);
        Type(page, "#request-title", Title);
        Type(page, "#request-description", Description);
        var land = await LandAsync();
        await DeactivateLandAsync(land);

        Submit(page);

        page.WaitForAssertion(() => Assert.Contains("所选诉求类别已停用，请选择其他类别", page.Find("[data-testid='category-error']").TextContent));
        Assert.Empty(page.FindAll($"[data-category='{land}']"));
        Assert.Equal(Title, ValueOf(page, "#request-title"));
        Assert.Equal(Description, ValueOf(page, "#request-description"));
        Assert.Equal(0, await RequestCountAsync());
    }

    private static IRenderedComponent<MudSelect<int?>> SelectLabelled(IRenderedComponent<NewRequestPage> page, string label) =>
        page.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == label);

    private static Task ChooseAsync(IRenderedComponent<NewRequestPage> page, string label, int? value)
    {
        var select = SelectLabelled(page, label);
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private async Task<int> AddProjectAsync(string email, string name)
    {
        var user = await Filing.UserAsync(email);
        await using var scope = Filing.Portal.Services.CreateAsyncScope();
        var input = ProjectServiceInput(name);
        return await scope.ServiceProvider.GetRequiredService<ProjectService>().CreateAsync(user, user.EnterpriseId!.Value, input);
    }

    private static ProjectInput ProjectServiceInput(string name) =>
        new(name, 8000m, new Dictionary<Portal.Domain.Projects.ProjectStage, DateOnly> { [Portal.Domain.Projects.ProjectStage.Signed] = new(2026, 1, 8) });

    [Fact]
    public async Task TheChosenProject_IsKeptInTheDraft_AndTheRequestIsFiledLinkedToIt()
    {
        await StartAsync();
        var project = await AddProjectAsync("enterprise@yqby.test", "创普斯二期正极材料项目");
        await AddProjectAsync("enterprise2@yqby.test", "丰元汇能扩产项目");
        var page = await OpenAsync();
        await ChooseLandAsync(page);
        Type(page, "#request-title", Title);
        Type(page, "#request-description", Description);

        await ChooseAsync(page, "项目（可选）", project);
        Filing.Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Contains("草稿已于", page.Find("[data-testid='draft-status']").TextContent));
        await DisposeComponentsAsync();
        var reloaded = await OpenAsync();

        Assert.Equal(project, SelectLabelled(reloaded, "项目（可选）").Instance.GetState(x => x.Value));
        Assert.Contains("创普斯二期正极材料项目", reloaded.Find("[data-testid='project']").InnerHtml);
        Submit(reloaded);
        reloaded.WaitForAssertion(() => Assert.Equal("YQBY-20260302-0001", reloaded.Find("[data-testid='receipt-number']").TextContent));
        var enterprise = await Filing.UserAsync("enterprise@yqby.test");
        var filed = await Filing.Portal.RequestsAsync(s => s.GetAsync(enterprise, "YQBY-20260302-0001"));
        Assert.Equal(project, filed!.ProjectId);
    }

    [Fact]
    public async Task ForACommissioner_TheProjectsFollowTheChosenEnterprise()
    {
        await StartAsync("commissioner@yqby.test");
        var project = await AddProjectAsync("enterprise@yqby.test", "创普斯二期正极材料项目");
        var (chuangpusi, qiliyuan) = await Filing.Portal.QueryAsync(async db => (
            await db.Enterprises.Where(e => e.Name == "枣庄创普斯新能源科技有限公司").Select(e => e.Id).SingleAsync(),
            await db.Enterprises.Where(e => e.Name == "启力元新能源科技有限公司").Select(e => e.Id).SingleAsync()));
        var page = await OpenAsync();
        Assert.Contains("请先选择企业", page.Find("[data-testid='no-projects']").TextContent);

        await ChooseAsync(page, "企业", chuangpusi);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='no-projects']")));
        await ChooseAsync(page, "项目（可选）", project);
        Assert.Equal(project, SelectLabelled(page, "项目（可选）").Instance.GetState(x => x.Value));

        await ChooseAsync(page, "企业", qiliyuan);
        page.WaitForAssertion(() => Assert.Contains("该企业尚未登记项目", page.Find("[data-testid='no-projects']").TextContent));
        await ChooseAsync(page, "企业", chuangpusi);
        page.WaitForAssertion(() => Assert.Null(SelectLabelled(page, "项目（可选）").Instance.GetState(x => x.Value)));
    }
}
