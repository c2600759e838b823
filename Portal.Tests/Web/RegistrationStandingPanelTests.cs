using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Data;
using Portal.Infrastructure.Registration;
using Portal.Tests.Infrastructure.Registration;
using Portal.Tests.Support;
using Portal.Web.Features.Approvals;

namespace Portal.Tests.Web;

/// <summary>The home of an applicant without a role: where their registration stands, over a real database.</summary>
public class RegistrationStandingPanelTests : ComponentTest
{
    private SeededPortal _portal = null!;

    private async Task<(string UserId, long Id)> RegisterAsync(string code)
    {
        (_portal, _) = await SeededPortal.OnFakeClockAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton(_portal.Services.GetRequiredService<RegistrationApprovals>());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return await RegistrationPortals.RegisterAsync(_portal, code, "创普斯");
    }

    [Fact]
    public async Task Render_WhileWaiting_SaysWhoItWaitsFor()
    {
        var (applicant, _) = await RegisterAsync(RegistrationPortals.KnownCode);

        var panel = Render<RegistrationStandingPanel>(p => p.Add(x => x.UserId, applicant));

        panel.WaitForAssertion(() => Assert.Equal("pending", panel.Find("[data-testid=registration-standing]").GetAttribute("data-status")));
        Assert.Contains("等待该企业的服务专员审核", panel.Markup);
        Assert.Contains("91370405MA3C8K2L60", panel.Markup);
    }

    [Fact]
    public async Task Render_ForANewEnterprise_SaysItWaitsForTheSupervisors()
    {
        var (applicant, _) = await RegisterAsync(RegistrationPortals.NewCode());

        var panel = Render<RegistrationStandingPanel>(p => p.Add(x => x.UserId, applicant));

        panel.WaitForAssertion(() => Assert.Contains("等待营商环境督查审核", panel.Markup));
    }

    [Fact]
    public async Task Render_WhenRefused_GivesTheReason()
    {
        var (applicant, id) = await RegisterAsync(RegistrationPortals.KnownCode);
        var commissioner = await _portal.UserAsync("commissioner@yqby.test");
        Assert.True(await RegistrationPortals.Approvals(_portal).RefuseAsync(commissioner, id, "经核实非本企业员工"));

        var panel = Render<RegistrationStandingPanel>(p => p.Add(x => x.UserId, applicant));

        panel.WaitForAssertion(() => Assert.Equal("refused", panel.Find("[data-testid=registration-standing]").GetAttribute("data-status")));
        Assert.Contains("理由：经核实非本企业员工", panel.Markup);
    }

    [Fact]
    public async Task Render_WhenApprovedDuringTheSession_AsksToSignInAgain()
    {
        var (applicant, id) = await RegisterAsync(RegistrationPortals.KnownCode);
        var commissioner = await _portal.UserAsync("commissioner@yqby.test");
        Assert.True(await RegistrationPortals.Approvals(_portal).ApproveAsync(commissioner, id));

        var panel = Render<RegistrationStandingPanel>(p => p.Add(x => x.UserId, applicant));

        panel.WaitForAssertion(() => Assert.Equal("approved", panel.Find("[data-testid=registration-standing]").GetAttribute("data-status")));
        Assert.Contains("重新登录", panel.Markup);
    }

    [Fact]
    public async Task Render_WhenRefused_OffersToApplyAgain_MarksABadCodeBesideIt_AndOnceSentShowsItWaiting()
    {
        var (applicant, id) = await RegisterAsync(RegistrationPortals.KnownCode);
        var commissioner = await _portal.UserAsync("commissioner@yqby.test");
        Assert.True(await RegistrationPortals.Approvals(_portal).RefuseAsync(commissioner, id, "请填写企业全称"));
        var panel = Render<RegistrationStandingPanel>(p => p.Add(x => x.UserId, applicant));
        panel.WaitForElement("[data-testid=reapply]");
        Assert.Equal("创普斯", panel.Find("#reapply-enterprise").GetAttribute("value"));
        Assert.Equal("王申请", panel.Find("#reapply-name").GetAttribute("value"));

        panel.Find("#reapply-enterprise").Change("枣庄创普斯新能源科技有限公司");
        panel.Find("#reapply-code").Change("91370405MA3C8K2L61");
        panel.Find("[data-testid=reapply] form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("统一社会信用代码校验位不正确", panel.Find("[data-testid=reapply]").TextContent));
        Assert.Equal("枣庄创普斯新能源科技有限公司", panel.Find("#reapply-enterprise").GetAttribute("value"));
        Assert.Equal(1, await _portal.QueryAsync(db => db.Registrations.CountAsync(r => r.ApplicantUserId == applicant)));

        panel.Find("#reapply-code").Change(RegistrationPortals.KnownCode);
        panel.Find("[data-testid=reapply] form").Submit();

        panel.WaitForAssertion(() => Assert.Equal("pending", panel.Find("[data-testid=registration-standing]").GetAttribute("data-status")));
        Assert.Contains("枣庄创普斯新能源科技有限公司", panel.Markup);
        Assert.Empty(panel.FindAll("[data-testid=reapply]"));
    }

    protected override ValueTask DisposeTestResourcesAsync() => _portal?.DisposeAsync() ?? ValueTask.CompletedTask;
}
