using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Portal.Tests.Support;
using Portal.Web.Components.Layout;

namespace Portal.Tests.Web;

public class LanguageMenuTests : ComponentTest
{
    [Fact]
    public void ChoosingEnglish_ReloadsThroughTheCultureEndpointBackToTheSamePage()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/requests?state=open");
        var shell = RenderMenu();

        shell.Find("button[aria-label='语言 / Language']").Click();
        shell.WaitForElement("[data-culture='en']").Click();

        // The item closes its menu before it runs its handler, so the navigation may come a moment later.
        shell.WaitForAssertion(() => Assert.Equal("http://localhost/culture?name=en&returnUrl=%2Frequests%3Fstate%3Dopen", navigation.Uri));
    }

    [Fact]
    public void TheCurrentLanguage_CannotBeChosenAgain()
    {
        var shell = RenderMenu();

        shell.Find("button[aria-label='语言 / Language']").Click();

        Assert.Contains("mud-disabled", shell.WaitForElement("[data-culture='zh-CN']").ClassName);
        Assert.DoesNotContain("mud-disabled", shell.Find("[data-culture='en']").ClassName);
    }

    /// <summary>The menu with the popover host its items open in.</summary>
    private IRenderedComponent<IComponent> RenderMenu() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<LanguageMenu>(1);
        builder.CloseComponent();
    });
}
