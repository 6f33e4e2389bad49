using System.Globalization;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// The item a page shows, set by the page that serves it: the visitor counter counts this item (and no item for pages
/// that set none), and the output cache tags the page with it. Nothing guesses items from URLs.
/// </summary>
public sealed record ServedItem(int Id, ContentKind Kind, string Slug)
{
    /// <summary>
    /// Carries the item inside a cached copy of the page, so a page served from the cache (where no page model runs)
    /// still counts for its item; the counter takes it off before the response leaves.
    /// </summary>
    public const string Header = "X-Portal-Item";

    /// <summary>Says which item this response shows; <paramref name="alsoShows"/> are the cache tags of other things on the page.</summary>
    public static void Set(HttpContext context, ContentItem item, params IEnumerable<string> alsoShows)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(item);
        var served = new ServedItem(item.Id, item.Kind, item.Slug);
        context.Features.Set(served);
        context.Response.Headers[Header] = served.ToString();
        OutputCacheTags.Add(context, alsoShows.Prepend(OutputCacheTags.Kind(item.Kind)).Prepend(OutputCacheTags.Item(item.Id)));
    }

    public override string ToString() => $"{Id.ToString(CultureInfo.InvariantCulture)}/{Kind}/{Slug}";

    public static ServedItem? Parse(string? value)
    {
        var parts = (value ?? "").Split('/', 3);
        return parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && Enum.TryParse<ContentKind>(parts[1], out var kind) && Enum.IsDefined(kind) && parts[2].Length > 0
            ? new ServedItem(id, kind, parts[2]) : null;
    }
}
