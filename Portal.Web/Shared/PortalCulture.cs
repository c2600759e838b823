using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using Portal.Infrastructure.Notifications;

namespace Portal.Web.Shared;

/// <summary>The portal's languages: Chinese first, English on request, remembered in a cookie.</summary>
public static class PortalCulture
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<string> Supported { get; } = [Chinese, English];

    public static TimeZoneInfo DistrictTimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static void Configure(RequestLocalizationOptions options)
    {
        options.SetDefaultCulture(Chinese)
            .AddSupportedCultures([.. Supported])
            .AddSupportedUICultures([.. Supported]);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        // Chinese unless the user chose otherwise: the browser's language does not switch the portal.
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
    }

    /// <summary>
    /// Sets the language cookie for a year, remembers it for a signed-in user's e-mail, and returns
    /// where to go back to (a local path only).
    /// </summary>
    public static async Task<IResult> SwitchAsync(HttpContext context, NotificationInbox inbox, string? name, string? returnUrl)
    {
        var culture = Supported.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase)) ?? Chinese;
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await inbox.SetLanguageAsync(userId, culture, context.RequestAborted);
        }
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return TypedResults.LocalRedirect(target);
    }
}
