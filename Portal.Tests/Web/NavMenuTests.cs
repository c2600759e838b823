using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.Tests.Support;
using Portal.Web.Components.Layout;
using Portal.Web.Shared;

namespace Portal.Tests.Web;

public class NavMenuTests : ComponentTest
{
    public static TheoryData<string, string[]> Destinations => new()
    {
        { Roles.Enterprise, ["/", "/requests/new", "/requests", "/projects", "/policies", "/Account/Manage"] },
        { Roles.Commissioner, ["/", "/requests/new", "/requests", "/projects", "/workspace", "/approvals", "/enterprises", "/dashboard", "/policies", "/Account/Manage"] },
        { Roles.DepartmentHandler, ["/", "/requests", "/workspace", "/policies", "/Account/Manage"] },
        { Roles.Cadre, ["/", "/requests", "/enterprises", "/dashboard", "/digests", "/policies", "/Account/Manage"] },
        { Roles.Supervisor, ["/", "/requests", "/workspace", "/approvals", "/enterprises", "/dashboard", "/digests", "/policies", "/Account/Manage"] },
        {
            Roles.Admin,
            ["/", "/requests", "/enterprises", "/dashboard", "/policies", "/admin/users", "/admin/organisation", "/admin/categories",
             "/admin/calendar", "/admin/settings", "/admin/problems", "/admin/outbox", "/admin/audit", "/jobs", "/Account/Manage"]
        },
    };

    [Theory]
    [MemberData(nameof(Destinations))]
    public void Render_ForEachRole_LinksExactlyToWhatThatRoleMayUse(string role, string[] expected)
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(role);

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a[href]").Select(a => "/" + a.GetAttribute("href")!.TrimStart('/')).ToArray();
        Assert.Equal(expected, links);
    }

    [Fact]
    public void Render_MarksTheCurrentPageOnly_AsNavLinkWould_AndFollowsANavigation()
    {
        AddAuthorization().SetAuthorized("someone").SetRoles(Roles.Commissioner);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/workspace");

        var menu = Render<NavMenu>();

        string[] Current() => [.. menu.FindAll("a[aria-current='page']").Select(a => a.GetAttribute("href")!)];
        Assert.Equal(["/workspace"], Current());
        Assert.Contains("active", menu.Find("a[href='/workspace']").ClassList);
        Assert.DoesNotContain("active", menu.Find("a[href='/']").ClassList);

        navigation.NavigateTo("/requests/new");
        menu.WaitForAssertion(() => Assert.Equal(["/requests/new", "/requests"], Current()));

        navigation.NavigateTo("/");
        menu.WaitForAssertion(() => Assert.Equal(["/"], Current()));
    }

    [Fact]
    public void Render_ForAnAnonymousVisitor_LinksNowhere()
    {
        AddAuthorization();

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("a[href]"));
    }

    [Fact]
    public void Render_ForAUserWithoutARole_LinksNowhere()
    {
        AddAuthorization().SetAuthorized("new.user");

        Assert.Empty(Render<NavMenu>().FindAll("a[href]"));
    }

    [Theory]
    [InlineData(PortalCulture.Chinese, "首页", "工作台", "挂图作战")]
    [InlineData(PortalCulture.English, "Home", "Workspace", "Battle map")]
    public void Render_InEachLanguage_NamesTheDestinationsInIt(string culture, string home, string workspace, string dashboard)
    {
        UseCulture(culture);
        AddAuthorization().SetAuthorized("supervisor").SetRoles(Roles.Supervisor);

        var texts = Render<NavMenu>().FindAll("a[href]").Select(a => a.TextContent.Trim()).ToList();

        Assert.Contains(home, texts);
        Assert.Contains(workspace, texts);
        Assert.Contains(dashboard, texts);
    }

    [Fact]
    public void EveryDestination_HasTextAndADescriptionInBothLanguages()
    {
        foreach (var culture in PortalCulture.Supported)
        {
            UseCulture(culture);
            var text = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Portal.Web.Resources.SharedResource>>();
            foreach (var entry in PortalNavigation.All)
            {
                Assert.False(text[entry.TextKey].ResourceNotFound, $"{entry.TextKey} missing in {culture}");
                Assert.False(text[entry.DescriptionKey].ResourceNotFound, $"{entry.DescriptionKey} missing in {culture}");
            }
        }
    }
}
