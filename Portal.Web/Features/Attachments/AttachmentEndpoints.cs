using Portal.Infrastructure.Attachments;
using Portal.Web.Shared;

namespace Portal.Web.Features.Attachments;

/// <summary>
/// <c>GET /attachments/{id}</c>: a file of a request (or of the user's own draft) to whoever may see it,
/// always as a download with the type the portal recognised, never sniffed or shown inline by the browser.
/// Anyone else, and any id that names nothing, gets 404.
/// </summary>
public static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/attachments/{id:guid}", DownloadAsync).RequireAuthorization();
        return app;
    }

    public static string Href(Guid id) => $"/attachments/{id:D}";

    private static async Task<IResult> DownloadAsync(Guid id, HttpContext context, AttachmentService attachments, CancellationToken cancellationToken)
    {
        var download = await attachments.OpenAsync(context.User.ToPortalUser(), id, cancellationToken);
        if (download is null)
        {
            return Results.NotFound();
        }
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(download.Content, download.ContentType, download.FileName);
    }
}
