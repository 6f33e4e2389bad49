using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Media;

public static class MediaModule
{
    /// <summary>/anh/{hash}-{width}.{webp|jpg}: a library image at one of the fixed widths; the hash makes the URL immutable.</summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Only singletons here: a scoped MediaLibrary would build a DbContext per image request, which measured as most of its cost.
        endpoints.MapGet("/anh/{file}", async (string file, PortalPaths paths, MediaCatalog catalog, RenditionStore renditions, HttpContext http) =>
        {
            var match = MediaRefs.RenditionAddress().Match("/anh/" + file);
            if (!match.Success || !int.TryParse(match.Groups[2].Value, out var width) || !MediaLibrary.Widths.Contains(width)) return Results.NotFound();
            var hash = match.Groups[1].Value;
            if (!catalog.All().TryGetValue(hash, out var info)) return Results.NotFound();
            var original = MediaLibrary.OriginalPath(paths, hash, info.Format);
            if (!File.Exists(original)) return Results.NotFound();
            if (await renditions.GetBytesAsync(original, hash, width, match.Groups[3].Value) is not { } bytes) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(bytes, match.Groups[3].Value == "webp" ? "image/webp" : "image/jpeg");
        });
        return endpoints;
    }

    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<MediaLibrary>();
        builder.Services.AddSingleton<MediaCatalog>();
        builder.Services.AddSingleton<RenditionStore>();
        builder.Services.AddHostedService<MediaFiles>();
        return builder;
    }
}
