using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.ShareImages;

/// <summary>
/// /anh-chia-se/{section}/{slug}.png: the picture a shared link of an item without a photo shows on Zalo and Facebook.
/// Drawn when first asked for after each change of the item, then served from the output cache.
/// </summary>
public static class ShareImagesModule
{
    public const string Prefix = "/anh-chia-se";

    /// <summary>Pages (about, contact…) have no section of their own in their addresses.</summary>
    private const string PageSection = "trang";

    /// <summary>The crafts the project drew a pictogram for (wwwroot-assets/img/crafts/{slug}.svg).</summary>
    public static readonly IReadOnlySet<string> Pictograms = new HashSet<string>(StringComparer.Ordinal)
        { "gom", "det-tho-cam", "banh-trang", "nuoc-mam", "muoi", "may-tre-dan" };

    public static WebApplicationBuilder AddShareImages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ShareImageRenderer>();
        return builder;
    }

    /// <summary>The address of an item's drawn share picture; none for kinds without pages of their own.</summary>
    public static string? PathOf(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Kind is ContentKind.Locality or ContentKind.Craft) return null;
        var prefix = ContentKinds.Of(item.Kind).RoutePrefix;
        return $"{Prefix}/{(prefix.Length == 0 ? PageSection : prefix[1..])}/{item.Slug}.png";
    }

    /// <summary>The pictogram of an item's craft: a village's first, a product's or an event's village's; none for others.</summary>
    public static string? PictogramOf(ContentItem item, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(catalogue);
        var village = item.Kind == ContentKind.Village ? item
            : catalogue.Find(ContentKind.Village, item.Product?.Village ?? item.Event?.Village);
        return village?.Village?.Crafts.FirstOrDefault(Pictograms.Contains);
    }

    public static IEndpointRouteBuilder MapShareImages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Prefix + "/{section}/{slug}.png", async (string section, string slug, HttpContext http, CatalogueService catalogue,
            PortalDbContext db, TimeProvider clock, ShareImageRenderer renderer) =>
        {
            var kind = section == PageSection ? ContentKind.Page : ContentKinds.FromSection(section);
            if (kind is null || !VietnameseText.IsValidSlug(slug)) return Results.NotFound();
            var c = await catalogue.LoadAsync(http.RequestAborted);
            var item = CatalogueStore.Kinds.Contains(kind.Value)
                ? c.Find(kind.Value, slug)
                : await db.ContentItems.AsNoTracking().Visible(kind.Value, clock.GetUtcNow().UtcDateTime).Where(x => x.Slug == slug)
                    .Select(x => new ContentItem { Id = x.Id, Kind = x.Kind, Slug = x.Slug, Title = x.Title }).FirstOrDefaultAsync(http.RequestAborted);
            if (item is null || PathOf(item) is null) return Results.NotFound();
            OutputCacheTags.Add(http, OutputCacheTags.Item(item.Id));
            var png = await renderer.RenderAsync(ContentKinds.Of(item.Kind).Label, item.Title, PictogramOf(item, c), http.RequestAborted);
            return Results.File(png, "image/png");
        }).CacheOutput(new PublicCacheAttribute { ShowsCatalogue = true });
        return endpoints;
    }
}
