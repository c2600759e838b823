using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Data;
using Portal.Tests.Infrastructure.Admin;
using Portal.Tests.Support;
using Portal.Web.Features.Enterprises;

namespace Portal.Tests.Web;

/// <summary>The enterprises page clicked through with bUnit on a real database: a refusal beside its field, nothing typed lost, then saved.</summary>
public class EnterprisesPageTests : ComponentTest
{
    [Fact]
    public async Task Create_WithABadCreditCode_SaysSoBesideTheCodeAndKeepsWhatWasTyped_ThenAGoodCodeSaves()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
        Services.AddSingleton(portal.Services.GetRequiredService<EnterpriseAdministration>());
        SignInAs(await portal.UserAsync("admin@yqby.test"), "admin@yqby.test");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var page = Render<EnterprisesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='enterprise-row']")));
        var park = await portal.QueryAsync(db => db.Parks.Where(p => p.Name == "临港工业园").Select(p => p.Id).SingleAsync());
        var industry = await portal.QueryAsync(db => db.Industries.Where(i => i.Name == "造纸").Select(i => i.Id).SingleAsync());
        var commissioner = await portal.UserAsync("commissioner3@yqby.test");
        var good = EnterpriseAdministrationTests.Code("24681357");

        page.Find("[data-testid='enterprises-new']").Click();
        page.Find("#enterprise-name").Change("运河纸品有限公司");
        page.Find("#enterprise-code").Change("91370405MA3C8K2L6O");
        await ChooseAsync<int?>(page, "园区", park);
        await ChooseAsync<int?>(page, "产业", industry);
        await ChooseAsync<string>(page, "服务专员", commissioner.Id);
        page.Find("#contact-0-name").Change("孔经理");
        page.Find("#contact-0-position").Change("总经理");
        page.Find("#contact-0-mobile").Change("12345");
        page.Find("[data-testid='enterprise-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("统一社会信用代码含有无效字符“O”", page.Find("#enterprise-code").Closest(".mud-input-control")!.TextContent));
        Assert.Contains("手机号码应为 11 位数字", page.Find("#contact-0-mobile").Closest(".mud-input-control")!.TextContent);
        Assert.Equal("运河纸品有限公司", page.Find("#enterprise-name").GetAttribute("value"));
        Assert.Equal("91370405MA3C8K2L6O", page.Find("#enterprise-code").GetAttribute("value"));
        Assert.Equal("总经理", page.Find("#contact-0-position").GetAttribute("value"));
        Assert.False(await portal.QueryAsync(db => db.Enterprises.AnyAsync(e => e.Name == "运河纸品有限公司")));

        page.Find("#enterprise-code").Change(good);
        page.Find("#contact-0-mobile").Change("13912345678");
        page.Find("[data-testid='enterprise-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("已新建企业“运河纸品有限公司”", page.Find("[data-testid='enterprises-result']").TextContent));
        Assert.Empty(page.FindAll("[data-testid='enterprise-form']"));
        Assert.Contains(page.FindAll("[data-testid='enterprise-row']"), r => r.GetAttribute("data-code") == good && r.TextContent.Contains("孔经理（总经理）"));
        Assert.Equal(commissioner.Id, await portal.QueryAsync(db => db.Enterprises.Where(e => e.Name == "运河纸品有限公司").Select(e => e.CommissionerUserId).SingleAsync()));
    }

    private static Task ChooseAsync<T>(IRenderedComponent<EnterprisesPage> page, string label, T value)
    {
        var select = page.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label && s.Instance.Required);
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }
}
