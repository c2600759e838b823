using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
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

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DisposeTestResourcesAsync();
    }

    /// <summary>What a test class set up beside the context (a database, a host), disposed after it.</summary>
    protected virtual ValueTask DisposeTestResourcesAsync() => ValueTask.CompletedTask;
}
