using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>
/// One consistent, published view of the catalogue, shared by every request until the catalogue changes
/// (<see cref="CatalogueStore"/>); pages filter it in memory and must not change its items. The items hold no
/// Markdown bodies: a page's body is rendered once per snapshot, when first shown (<see cref="BodyOf"/>).
/// </summary>
public sealed class CatalogueSnapshot
{
    private readonly Dictionary<int, string> _bodies = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Microsoft.AspNetCore.Html.HtmlString> _rendered = new();
    private readonly Markdown.MarkdownRenderer? _markdown;

    public CatalogueSnapshot(IReadOnlyList<ContentItem> items, DateOnly today, Markdown.MarkdownRenderer? markdown = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        _markdown = markdown;
        foreach (var item in items)
        {
            // Lists, facets and open data never show bodies or search text: keep them out of what every request shares.
            if (item.Body.Length > 0) _bodies[item.Id] = item.Body;
            item.Body = "";
            item.SearchText = "";
        }
        Today = today;
        Localities = Of(items, ContentKind.Locality);
        Crafts = Of(items, ContentKind.Craft);
        Villages = Of(items, ContentKind.Village);
        Products = Of(items, ContentKind.Product);
        Sights = Of(items, ContentKind.Sight);
        Routes = Of(items, ContentKind.Route);
        Events = items.Where(x => x.Kind == ContentKind.Event).OrderBy(x => PublicPortal.Web.Features.Events.EventTimes.SortKey(x.Event!)).ThenBy(x => x.Title, VietnameseText.Collation).ToList();
        _bySlug = items.ToDictionary(x => (x.Kind, x.Slug));
    }

    private readonly Dictionary<(ContentKind, string), ContentItem> _bySlug;

    public DateOnly Today { get; }

    /// <summary>When what the catalogue shows last changed, by its change records or the day's start (UTC, whole seconds).</summary>
    public DateTime ModifiedUtc
    {
        get;
        init => field = new DateTime(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    /// <summary>
    /// When this snapshot was read (UTC, whole seconds): the open data's Last-Modified. A snapshot is read again after
    /// every change and each midnight, so it only moves on; a change record's time (taken when its write began, not when
    /// it committed) could be older than one already served, and a 304 would then hide the change.
    /// </summary>
    public DateTime BuiltUtc
    {
        get;
        init => field = new DateTime(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
    public IReadOnlyList<ContentItem> Localities { get; }
    public IReadOnlyList<ContentItem> Crafts { get; }
    public IReadOnlyList<ContentItem> Villages { get; }
    public IReadOnlyList<ContentItem> Products { get; }
    public IReadOnlyList<ContentItem> Sights { get; }
    public IReadOnlyList<ContentItem> Routes { get; }

    /// <summary>Events and festivals, earliest first.</summary>
    public IReadOnlyList<ContentItem> Events { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, object> _memo = new();

    /// <summary>
    /// A value worked out from this snapshot (and the key's other parts), kept as long as the snapshot: the programme's
    /// progress, for one, is measured once per catalogue change and plan version, not per request.
    /// </summary>
    public T Memo<T>(object key, Func<T> make) where T : class
    {
        ArgumentNullException.ThrowIfNull(make);
        return (T)_memo.GetOrAdd(key, static (_, make) => make(), make);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, object> _views = new();

    /// <summary>How many list views (<see cref="View{T}"/>) one snapshot keeps.</summary>
    public const int MaxKeptViews = 256;

    /// <summary>
    /// A list view worked out from this snapshot (a filter's matches and counts: a pass over thousands of items
    /// nationally), kept as long as the snapshot for the first <see cref="MaxKeptViews"/> distinct keys. Readers ask for
    /// a few filters again and again; a flood of distinct ones is worked out each time instead of held in memory.
    /// </summary>
    public T View<T>(object key, Func<T> make) where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(make);
        if (_views.TryGetValue(key, out var kept)) return (T)kept;
        var made = make();
        return _views.Count < MaxKeptViews ? (T)_views.GetOrAdd(key, made) : made;
    }

    /// <summary>An item's body as HTML, rendered the first time a page shows it.</summary>
    public Microsoft.AspNetCore.Html.HtmlString BodyOf(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (_markdown is null || !_bodies.TryGetValue(item.Id, out var body)) return Microsoft.AspNetCore.Html.HtmlString.Empty;
        return _rendered.GetOrAdd(item.Id, static (_, state) => state.Markdown.Render(state.Body), (Markdown: _markdown, Body: body));
    }

    public ContentItem? Find(ContentKind kind, string? slug) => slug is not null && _bySlug.TryGetValue((kind, slug), out var item) ? item : null;

    public string DistrictOf(string? locality) => Find(ContentKind.Locality, locality)?.Locality?.District ?? "Chưa rõ";

    public static string DistrictKey(string district) => VietnameseText.Slugify(district);

    /// <summary>"Xã Phan Hiệp, Huyện Bắc Bình (nay: Xã Bắc Bình, chưa xác nhận chính thức)".</summary>
    public string PlaceOf(string? locality)
    {
        var item = Find(ContentKind.Locality, locality);
        if (item?.Locality is not { } l) return "Chưa rõ";
        var place = item.Title == l.District ? item.Title : $"{item.Title}, {l.District}";
        if (l.NewName is not null) place += $" (nay: {l.NewName}, tỉnh Lâm Đồng{(l.NewNameConfirmed ? "" : "; chưa xác nhận chính thức")})";
        return place;
    }

    private IReadOnlyList<string>? _districts;

    /// <summary>Districts that have a village or a product, in Vietnamese order; computed once per snapshot (filters read it several times).</summary>
    public IReadOnlyList<string> Districts => _districts ??= Villages.Select(v => DistrictOf(v.Village!.Locality))
        .Concat(Products.Select(p => DistrictOf(p.Product!.Locality))).Distinct().Order(VietnameseText.Collation).ToList();

    private Dictionary<string, List<ContentItem>>? _productsByVillage;
    private System.Collections.Concurrent.ConcurrentDictionary<string, string>? _districtKeys;

    /// <summary>
    /// A village's products, in catalogue order, from an index made once per snapshot: scanning every product for each
    /// village made a national list (5,400 villages, 20,000 products) take seconds.
    /// </summary>
    public IReadOnlyList<ContentItem> ProductsOf(ContentItem village)
    {
        ArgumentNullException.ThrowIfNull(village);
        _productsByVillage ??= Products.Where(p => p.Product!.Village is not null).GroupBy(p => p.Product!.Village!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return _productsByVillage.TryGetValue(village.Slug, out var products) ? products : [];
    }

    private Dictionary<string, ContentItem>? _productsByCode;

    /// <summary>The product whose QR label carries this code (typed in any case, with 0/O and 1/I/L alike); null for none.</summary>
    public ContentItem? ProductByCode(string? code)
    {
        _productsByCode ??= Products.Where(p => p.Product!.Code is not null).DistinctBy(p => p.Product!.Code).ToDictionary(p => p.Product!.Code!, StringComparer.Ordinal);
        return ProductCodes.Normalize(code) is { } key && _productsByCode.TryGetValue(key, out var product) ? product : null;
    }

    private HashSet<string>? _withRatedProducts;

    /// <summary>Whether a village has a product whose certificate holds today (the "OCOP" filter asks for every village, in every facet).</summary>
    public bool HasRatedProduct(ContentItem village)
    {
        ArgumentNullException.ThrowIfNull(village);
        _withRatedProducts ??= Products.Where(p => p.Product!.Village is not null && Ocop.IsRated(p.Product, Today))
            .Select(p => p.Product!.Village!).ToHashSet(StringComparer.Ordinal);
        return _withRatedProducts.Contains(village.Slug);
    }

    private System.Collections.Concurrent.ConcurrentDictionary<string, string>? _communeKeys;

    /// <summary>
    /// The communes and wards since 1 July 2025 that villages are in (key, name, whether the name is confirmed), in
    /// Vietnamese order: what the village list filters by beside the old districts.
    /// </summary>
    public IReadOnlyList<(string Key, string Name, bool Confirmed)> Communes2025 => Memo(nameof(Communes2025), () => Villages
        .Select(v => Find(ContentKind.Locality, v.Village!.Locality)?.Locality).OfType<LocalityDetails>().Where(l => l.NewName is not null)
        .GroupBy(l => VietnameseText.Slugify(l.NewName!))
        .Select(g => (Key: g.Key, Name: g.First().NewName!, Confirmed: g.All(l => l.NewNameConfirmed)))
        .OrderBy(c => c.Name, VietnameseText.Collation).ToList());

    /// <summary>The key of a locality's 2025 commune (its name as a slug), or "" when not known; once per locality and snapshot.</summary>
    public string CommuneKeyOf(string? locality)
    {
        _communeKeys ??= new(StringComparer.Ordinal);
        return _communeKeys.GetOrAdd(locality ?? "", l => Find(ContentKind.Locality, l)?.Locality?.NewName is { } name ? VietnameseText.Slugify(name) : "");
    }

    /// <summary>The district key (<see cref="DistrictKey"/>) of a locality, worked out once per locality and snapshot.</summary>
    public string DistrictKeyOf(string? locality)
    {
        _districtKeys ??= new(StringComparer.Ordinal);
        return _districtKeys.GetOrAdd(locality ?? "", l => DistrictKey(DistrictOf(l.Length == 0 ? null : l)));
    }

    public IReadOnlyList<ContentItem> RoutesThrough(ContentItem stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        // Once per item and snapshot: a walk over every route's stops (hundreds of routes nationally).
        return Memo((nameof(RoutesThrough), stop.Kind, stop.Slug), () =>
        {
            var kind = stop.Kind == ContentKind.Village ? "village" : "sight";
            return Routes.Where(r => r.Route!.Stops.Any(s => s.Kind == kind && s.Slug == stop.Slug)).ToList();
        });
    }

    /// <summary>The events held at a village or a sight, earliest first (once per item and snapshot).</summary>
    public IReadOnlyList<ContentItem> EventsAt(ContentItem place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return Memo((nameof(EventsAt), place.Kind, place.Slug), () => Events.Where(e => place.Kind switch
        {
            ContentKind.Village => e.Event!.Village == place.Slug,
            ContentKind.Sight => e.Event!.Sight == place.Slug,
            _ => false,
        }).ToList());
    }

    /// <summary>Every event, split into those not over (soonest first) and those over (latest first) on this snapshot's day.</summary>
    public (IReadOnlyList<ContentItem> Upcoming, IReadOnlyList<ContentItem> Past) EventsByDay =>
        Memo(nameof(EventsByDay), () => Tuple.Create(PublicPortal.Web.Features.Events.EventTimes.Split(Events, Today))).Item1;

    /// <summary>Where an event is: its village or sight (when published), else none.</summary>
    public ContentItem? PlaceOfEvent(ContentItem e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Find(ContentKind.Sight, e.Event?.Sight) ?? Find(ContentKind.Village, e.Event?.Village);
    }

    public GeoPoint? LocationOf(ContentItem item) => item.Village?.Location ?? item.Sight?.Location;

    public ContentItem? StopTarget(RouteStop stop) => Find(stop.Kind == "village" ? ContentKind.Village : ContentKind.Sight, stop.Slug);

    /// <summary>The nearest located sights (and villages, when asked) to an item, nearest first.</summary>
    public IReadOnlyList<(ContentItem Item, double Km)> Nearby(ContentItem from, int take, bool villagesToo = false)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (LocationOf(from) is not { } origin) return [];
        // Once per item and snapshot: thousands of distances nationally.
        return Memo((nameof(Nearby), from.Kind, from.Slug, take, villagesToo), () => (villagesToo ? Sights.Concat(Villages) : Sights)
            .Where(c => c != from && LocationOf(c) is not null)
            .Select(c => (c, Geo.DistanceKm(origin, LocationOf(c)!)))
            .OrderBy(x => x.Item2).Take(take).ToList());
    }

    private static List<ContentItem> Of(IEnumerable<ContentItem> items, ContentKind kind) =>
        items.Where(x => x.Kind == kind).OrderBy(x => x.Title, VietnameseText.Collation).ToList();
}
