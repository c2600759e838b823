using Portal.Infrastructure.Identity;

namespace Portal.Web.Shared;

/// <summary>
/// Keeps a user whose password an admin reset on the change-password form: every other page and
/// endpoint redirects there until the new password is set (which renews the cookie without the claim).
/// The account pages themselves (sign-out included), static files (a name with an extension),
/// the framework's files and the health checks stay open.
/// </summary>
public static class PasswordChangeGate
{
    public const string ChangePasswordPath = "/Account/Manage/ChangePassword";

    private static readonly string[] OpenPrefixes = ["/Account", "/_framework", "/_content", "/health", "/culture", "/status"];

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(PortalClaims.MustChangePassword, "true")
            && !OpenPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            && !Path.HasExtension(context.Request.Path.Value))
        {
            context.Response.Redirect(ChangePasswordPath);
            return;
        }
        await next();
    });
}
