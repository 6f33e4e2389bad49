using Microsoft.AspNetCore.OutputCaching;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// The tags cached pages carry, so a change evicts exactly the pages that show what changed: an item's own page, pages
/// listing its kind, the home page, search results, feeds, sitemap and open data.
/// </summary>
public static class OutputCacheTags
{
    public const string Home = "home";
    public const string Feeds = "feeds";
    public const string Sitemap = "sitemap";
    public const string OpenData = "open-data";

    /// <summary>Search results can show any item.</summary>
    public const string Search = "search";

    /// <summary>What every change evicts: pages that may show any item.</summary>
    public static readonly IReadOnlyList<string> Everywhere = [Home, Feeds, Sitemap, OpenData, Search];

    public static string Item(int id) => "item:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Kind(ContentKind kind) => "kind:" + kind;

    /// <summary>Catalogue pages show places, crafts, villages, products, sights and routes (names, nearby, stops).</summary>
    public static readonly IReadOnlyList<string> Catalogue =
        [Kind(ContentKind.Locality), Kind(ContentKind.Craft), Kind(ContentKind.Village), Kind(ContentKind.Product), Kind(ContentKind.Sight), Kind(ContentKind.Route), Kind(ContentKind.Event)];

    /// <summary>Tags the response being cached (no-op when the page is not cached).</summary>
    public static void Add(HttpContext context, params IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IOutputCacheFeature>() is not { } cache) return;
        foreach (var tag in tags) cache.Context.Tags.Add(tag);
    }

    /// <summary>The tags one change record evicts.</summary>
    public static IEnumerable<string> Of(ChangeRecord change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Change == ChangeKinds.SearchTerms)
        {
            yield return Search;
            yield break;
        }
        if (change.ContentItemId is { } id) yield return Item(id);
        if (change.Kind is { } kind) yield return Kind(kind);
        foreach (var touched in change.TouchedIds()) yield return Item(touched);
        foreach (var tag in Everywhere) yield return tag;
    }
}
