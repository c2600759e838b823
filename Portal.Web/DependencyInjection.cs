using System.Text.Encodings.Web;
using System.Text.Unicode;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Portal.Domain.Identity;
using Portal.Infrastructure;
using Portal.Infrastructure.Attachments;
using Portal.Infrastructure.Notifications;
using Portal.Web.Components;
using Portal.Web.Components.Account;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Attachments;
using Portal.Web.Features.Calendar;
using Portal.Web.Features.Dashboard;
using Portal.Web.Features.Dashboard.Tables;
using Portal.Web.Shared;

namespace Portal.Web;

public static class DependencyInjection
{
    public const string AdminPolicy = "Admin";

    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddPortalInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
        var webRoot = Path.GetFullPath(builder.Environment.WebRootPath ?? Path.Combine(builder.Environment.ContentRootPath, "wwwroot"));
        services.AddOptions<AttachmentOptions>().Validate(
            o => string.IsNullOrWhiteSpace(o.Directory) || !IsWithin(o.Directory, webRoot),
            "Attachments:Directory must lie outside the web root (wwwroot), so that files are only served through the authorised download.");

        // Chinese text goes out as text, not as numeric character references; in the API's JSON
        // (never embedded in a page) also "+08:00" stays as written rather than "\u002B08:00".
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(PortalCulture.Configure);
        services.AddScoped<PortalFormat>();
        services.AddScoped<IDashboardTableSource, BattleMapTable>();
        services.AddScoped<RankingTable>();
        services.AddScoped<IDashboardTableSource>(sp => sp.GetRequiredService<RankingTable>());
        // The boards' panels take their source as itself, for the rows beside the table; the export finds it as a source.
        services.AddScoped<OverdueTable>().AddScoped<IDashboardTableSource>(s => s.GetRequiredService<OverdueTable>());
        services.AddScoped<DisputesTable>().AddScoped<IDashboardTableSource>(s => s.GetRequiredService<DisputesTable>());
        services.AddScoped<EscalationLogTable>().AddScoped<IDashboardTableSource>(s => s.GetRequiredService<EscalationLogTable>());
        services.AddScoped<IDashboardTableSource, PerDayTable>();
        services.AddScoped<IDashboardTableSource, ResolutionTrendTable>();
        services.AddScoped<IDashboardTableSource, ByCategoryTable>();
        services.AddScoped<IDashboardTableSource, ByIndustryTable>();
        services.AddScoped<IDashboardTableSource, SatisfactionTable>();
        services.AddMudServices();
        // The prerendered pages' [PersistentState] comes back in the circuit's first message: a supervisor's workspace
        // (a page of the queue and of each desk list) outgrows SignalR's 32 KB default, and the circuit would close.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024);
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "yqby.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // A signed-in user outside a resource's roles gets a real 403, rendered by the status page.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));
        services.AddPortalIdentity();
        services.AddScoped<IdentityErrorDescriber, LocalizedIdentityErrorDescriber>();
        return builder;
    }

    public static WebApplication UsePortalWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseRequestLocalization();
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        // Explicit, so that they run inside the status-code pages and a 403 gets its page.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePasswordChangeGate();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapGet("/culture", (HttpContext context, NotificationInbox inbox, string? name, string? returnUrl) =>
                PortalCulture.SwitchAsync(context, inbox, name, returnUrl))
            .AllowAnonymous();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapCalendarEndpoints();
        app.MapAttachmentEndpoints();
        app.MapAuditExport();
        app.MapDashboardExport();

        app.MapHangfireDashboard("/jobs", new DashboardOptions
            {
                DashboardTitle = "有求必应 · 后台任务",
                Authorization = [new AdminDashboardAuthorizationFilter()],
                AppPath = "/",
            })
            .RequireAuthorization(AdminPolicy);

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }

    private static bool IsWithin(string folder, string root)
    {
        var path = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Defence in depth behind the endpoint's policy: the dashboard itself also checks the role.</summary>
    private sealed class AdminDashboardAuthorizationFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
