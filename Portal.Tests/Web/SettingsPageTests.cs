using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Admin;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Escalation;
using Portal.Tests.Support;
using Portal.Web.Features.Admin;

namespace Portal.Tests.Web;

/// <summary>督办设置 clicked through with bUnit on a real database: a refusal beside its field with the typed value kept, then a save.</summary>
public class SettingsPageTests : ComponentTest
{
    [Fact]
    public async Task Save_OutOfRangeThenRight_ShowsTheErrorBesideTheFieldKeepsWhatWasTypedThenSaves()
    {
        await using var portal = await SeededPortal.CreateAsync(DatabaseProvider.Sqlite);
        var admin = await portal.UserAsync("it@taierzhuang.gov.cn");
        Services.AddSingleton(portal.Services.GetRequiredService<SettingsAdministration>());
        SignInAs(admin, "it@taierzhuang.gov.cn");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));

        var page = Render<SettingsPage>();

        page.WaitForAssertion(() => Assert.Contains("时限用去 80%", page.Find("[data-testid='settings-current']").TextContent));
        page.Find("#settings-warning").Change("100");
        page.Find("#settings-severe").Change("3");
        page.Find("[data-testid='settings-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("未保存", page.Find("[data-testid='settings-error']").TextContent));
        Assert.Contains("请输入 1–99 之间的整数", page.Find("[data-testid='settings-form']").TextContent);
        Assert.Equal("100", page.Find("#settings-warning").GetAttribute("value"));
        Assert.Equal("3", page.Find("#settings-severe").GetAttribute("value"));
        Assert.Equal(new EscalationSettingsValues(80, 1), await portal.Services.GetRequiredService<EscalationSettingsService>().CurrentAsync());

        page.Find("#settings-warning").Change("75");
        page.Find("[data-testid='settings-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("督办设置已保存", page.Find("[data-testid='settings-result']").TextContent));
        Assert.Empty(page.FindAll("[data-testid='settings-error']"));
        Assert.Contains("时限用去 75%", page.Find("[data-testid='settings-current']").TextContent);
        Assert.Equal(new EscalationSettingsValues(75, 3), await portal.Services.GetRequiredService<EscalationSettingsService>().CurrentAsync());
    }
}
