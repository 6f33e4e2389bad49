using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Content;

public static class AttachmentEndpoints
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>/van-ban/{slug}/tai-ve: the document's attached file, by the document's slug, never by a path from the URL.</summary>
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/van-ban/{slug}/tai-ve", async (string slug, PortalDbContext db, PortalPaths paths, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var attachment = await db.ContentItems.AsNoTracking().Visible(ContentKind.Document, clock.GetUtcNow().UtcDateTime)
                .Where(x => x.Slug == slug).Select(x => x.Attachment).FirstOrDefaultAsync(cancellationToken);
            var file = paths.ResolveMedia(attachment);
            if (file is null || !File.Exists(file)) return Results.NotFound();
            if (!ContentTypes.TryGetContentType(file, out var contentType)) contentType = "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal)) contentType += "; charset=utf-8";
            return Results.File(file, contentType, Path.GetFileName(file), enableRangeProcessing: true);
        });
        return endpoints;
    }
}
