using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Dashboard;
using Portal.Infrastructure.Identity;
using Portal.Infrastructure.Notifications;
using Portal.Infrastructure.Projects;
using Portal.Infrastructure.Requests;
using Portal.Web.Features.Requests;
using Portal.Web.Shared;

namespace Portal.Tests.Support;

/// <summary>
/// bUnit with the portal's component services registered once: localization (in the culture a
/// test chooses, Chinese by default), MudBlazor, formatting. MudBlazor's services are async
/// disposable, so the context is disposed asynchronously.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        Services.AddLocalization();
        Services.AddMudServices();
        Services.AddScoped<PortalFormat>();
        JSInterop.Mode = JSRuntimeMode.Loose;
        UseCulture(PortalCulture.Chinese);
    }

    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    /// <summary>Signs the component's user in as <paramref name="user"/>, with the role and claims the portal gives them.</summary>
    protected void SignInAs(PortalUser user, string email)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id) };
        if (user.EnterpriseId is { } enterprise)
        {
            claims.Add(new(PortalClaims.EnterpriseId, enterprise.ToString(CultureInfo.InvariantCulture)));
        }
        if (user.DepartmentId is { } department)
        {
            claims.Add(new(PortalClaims.DepartmentId, department.ToString(CultureInfo.InvariantCulture)));
        }
        AddAuthorization().SetAuthorized(email).SetRoles(user.Role).SetClaims([.. claims]);
    }

    /// <summary>What the filing page (<c>/requests/new</c>) needs, over a filing portal, for the signed-in user.</summary>
    protected async Task AddFilingPageServicesAsync(FilingPortal filing, string email)
    {
        Services.AddScoped(_ => filing.Portal.Services.CreateScope().ServiceProvider.GetRequiredService<RequestService>());
        Services.AddScoped(_ => filing.Portal.Services.CreateScope().ServiceProvider.GetRequiredService<ProjectService>());
        Services.AddSingleton(filing.Filing);
        Services.AddSingleton(filing.Attachments);
        Services.AddSingleton<TimeProvider>(filing.Time);
        Services.AddLogging();
        SignInAs(await filing.UserAsync(email), email);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>What the request page takes, from a test portal's own services (its live changes replaceable).</summary>
    protected void AddRequestPageServices(IServiceProvider portal, IRequestChanges? changes = null)
    {
        Services.AddScoped(_ => portal.CreateScope().ServiceProvider.GetRequiredService<RequestService>());
        Services.AddScoped(_ => portal.CreateScope().ServiceProvider.GetRequiredService<ActionChoices>());
        Services.AddSingleton(portal.GetRequiredService<NotificationInbox>());
        Services.AddSingleton(portal.GetRequiredService<AttachmentService>());
        Services.AddSingleton(changes ?? portal.GetRequiredService<IRequestChanges>());
        Services.AddScoped(_ => portal.CreateScope().ServiceProvider.GetRequiredService<EnterpriseCards>());
        Services.AddScoped(_ => portal.CreateScope().ServiceProvider.GetRequiredService<DistrictFigures>());
    }

    /// <summary>The request page with the hosts its dialogs and popovers open in, as the portal's layout has them.</summary>
    protected IRenderedComponent<IComponent> RenderRequestPage(string number) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<RequestDetailsPage>(2);
        builder.AddAttribute(3, nameof(RequestDetailsPage.Number), number);
        builder.CloseComponent();
    });

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DisposeTestResourcesAsync();
    }

    /// <summary>What a test class set up beside the context (a database, a host), disposed after it.</summary>
    protected virtual ValueTask DisposeTestResourcesAsync() => ValueTask.CompletedTask;
}
