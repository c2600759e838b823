using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure.Identity;
using Portal.Web.Resources;

namespace Portal.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager, IStringLocalizer<AccountResource> text)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri)
    {
        uri ??= "";

        // Prevent open redirects.
        if (!Uri.IsWellFormedUriString(uri, UriKind.Relative)
            || uri.StartsWith("//", StringComparison.Ordinal))
        {
            uri = navigationManager.ToBaseRelativePath(uri);
        }

        navigationManager.NavigateTo(uri);
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", StatusCookie.Error(text["InvalidUser.Message", userManager.GetUserId(context.User) ?? ""]), context);
}

/// <summary>
/// The one-shot status message carried across a redirect says whether it reports a failure, so the
/// next page can show it as one whatever the language of its text.
/// </summary>
internal static class StatusCookie
{
    private const string ErrorPrefix = "error:";
    private const string SuccessPrefix = "ok:";

    public static string Error(string message) => ErrorPrefix + message;

    public static string Success(string message) => SuccessPrefix + message;

    public static string? Text(string? value) => value switch
    {
        null => null,
        _ when value.StartsWith(ErrorPrefix, StringComparison.Ordinal) => value[ErrorPrefix.Length..],
        _ when value.StartsWith(SuccessPrefix, StringComparison.Ordinal) => value[SuccessPrefix.Length..],
        _ => value,
    };

    public static bool IsError(string? value) => value?.StartsWith(ErrorPrefix, StringComparison.Ordinal) == true;
}
