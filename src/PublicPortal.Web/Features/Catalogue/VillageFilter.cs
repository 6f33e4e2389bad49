using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>Village filters read from GET parameters (shareable, no JavaScript); unknown values are dropped and reported, never an error.</summary>
public sealed record VillageFilter(string? District, string? Craft, VillageType? Type, VillageStatus? Status, bool HasOcop, bool Tourism, string Sort, string? Commune = null)
{
    /// <summary>The query keys <see cref="Read"/> reads (the cache varies by these, and only these).</summary>
    public const string QueryKeys = "huyen xa-moi nghe loai tinh-trang sap-xep ocop du-lich";

    public static readonly VillageFilter None = new(null, null, null, null, false, false, "ten");

    public static (VillageFilter Filter, IReadOnlyList<string> Ignored) Read(IQueryCollection query, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalogue);
        var ignored = new List<string>();
        string? Pick(string key, IEnumerable<string> allowed) => QueryValues.Pick(query, key, allowed, ignored);
        var district = Pick("huyen", catalogue.Districts.Select(CatalogueSnapshot.DistrictKey));
        var commune = Pick("xa-moi", catalogue.Communes2025.Select(c => c.Key));
        var craft = Pick("nghe", catalogue.Crafts.Select(c => c.Slug));
        var type = Pick("loai", CatalogueLabels.VillageTypes.Select(t => t.Key));
        var status = Pick("tinh-trang", CatalogueLabels.VillageStatuses.Select(s => s.Key));
        var sort = Pick("sap-xep", ["ten", "huyen"]) ?? "ten";
        return (new VillageFilter(
            district, craft,
            type is null ? null : CatalogueLabels.VillageTypes.First(t => t.Key == type).Value,
            status is null ? null : CatalogueLabels.VillageStatuses.First(s => s.Key == status).Value,
            QueryValues.Flag(query, "ocop", ignored), QueryValues.Flag(query, "du-lich", ignored), sort, commune), ignored);
    }

    public bool IsEmpty => District is null && Commune is null && Craft is null && Type is null && Status is null && !HasOcop && !Tourism;

    /// <summary>How many conditions are chosen (said on the folded "Lọc" bar, so a phone user sees the list is filtered).</summary>
    public int ActiveCount => new object?[] { District, Commune, Craft, Type, Status }.Count(x => x is not null) + (HasOcop ? 1 : 0) + (Tourism ? 1 : 0);

    /// <summary>The matching villages in the chosen order. The conditions are stated once, in <see cref="Facets"/>.</summary>
    public IReadOnlyList<ContentItem> Apply(CatalogueSnapshot catalogue) => Facets(catalogue).Matching;

    /// <summary>All villages in the chosen order; the order by district is worked out once per snapshot.</summary>
    private IReadOnlyList<ContentItem> Ordered(CatalogueSnapshot catalogue) => Sort != "huyen" ? catalogue.Villages
        : catalogue.Memo("villages-by-district", () => catalogue.Villages
            .OrderBy(v => catalogue.DistrictOf(v.Village!.Locality), VietnameseText.Collation).ThenBy(v => v.Title, VietnameseText.Collation).ToList());

    /// <summary>The matching villages (in <see cref="Apply"/>'s order) and every facet's counts, in one pass (<see cref="FacetCounts"/>).</summary>
    public VillageFacets Facets(CatalogueSnapshot c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var tally = FacetCounts.Tally(Ordered(c),
            new Facet<ContentItem>(District is { } district ? v => c.DistrictKeyOf(v.Village!.Locality) == district : null, v => c.DistrictKeyOf(v.Village!.Locality)),
            new Facet<ContentItem>(Craft is { } craft ? v => v.Village!.Crafts.Contains(craft) : null, Values: v => v.Village!.Crafts.Distinct()),
            new Facet<ContentItem>(Type is { } type ? v => v.Village!.Type == type : null, v => TypeKey(v.Village!.Type)),
            new Facet<ContentItem>(Status is { } status ? v => v.Village!.Status == status : null, v => StatusKey(v.Village!.Status)),
            new Facet<ContentItem>(HasOcop ? v => c.HasRatedProduct(v) : null, v => FacetCounts.Yes(c.HasRatedProduct(v))),
            new Facet<ContentItem>(Tourism ? v => v.Village!.LinkedToTourism == true : null, v => FacetCounts.Yes(v.Village!.LinkedToTourism == true)),
            new Facet<ContentItem>(Commune is { } commune ? v => c.CommuneKeyOf(v.Village!.Locality) == commune : null, v => c.CommuneKeyOf(v.Village!.Locality)));
        var (districts, crafts, types, statuses) = (tally.Counts[0], tally.Counts[1], tally.Counts[2], tally.Counts[3]);
        return new VillageFacets(
            tally.Matching,
            [.. c.Districts.Select(d => CatalogueSnapshot.DistrictKey(d) is var key ? new FacetOption(key, d, districts.GetValueOrDefault(key), District == key) : null!)
                .Where(o => o.Count > 0 || o.Selected)],
            [.. c.Crafts.Select(cr => new FacetOption(cr.Slug, cr.Title, crafts.GetValueOrDefault(cr.Slug), Craft == cr.Slug))],
            [.. CatalogueLabels.VillageTypes.Select(t => new FacetOption(t.Key, t.Label, types.GetValueOrDefault(TypeKey(t.Value)), Type == t.Value))],
            [.. CatalogueLabels.VillageStatuses.Select(s => new FacetOption(s.Key, s.Label, statuses.GetValueOrDefault(StatusKey(s.Value)), Status == s.Value))],
            tally.Counts[4].GetValueOrDefault("1"), tally.Counts[5].GetValueOrDefault("1"),
            [.. c.Communes2025.Select(x => new FacetOption(x.Key, x.Confirmed ? x.Name : x.Name + " (tên chưa xác nhận)", tally.Counts[6].GetValueOrDefault(x.Key), Commune == x.Key))
                .Where(o => o.Count > 0 || o.Selected)]);
    }

    // Enum names once each, not a string per village per request.
    private static readonly Dictionary<VillageType, string> TypeKeys = Enum.GetValues<VillageType>().ToDictionary(t => t, t => t.ToString());
    private static readonly Dictionary<VillageStatus, string> StatusKeys = Enum.GetValues<VillageStatus>().ToDictionary(t => t, t => t.ToString());

    private static string TypeKey(VillageType type) => TypeKeys.TryGetValue(type, out var key) ? key : type.ToString();

    private static string StatusKey(VillageStatus status) => StatusKeys.TryGetValue(status, out var key) ? key : status.ToString();
}

/// <summary>A village list's results and the counts its filter form shows beside each option.</summary>
public sealed record VillageFacets(
    IReadOnlyList<ContentItem> Matching, IReadOnlyList<FacetOption> Districts, IReadOnlyList<FacetOption> Crafts,
    IReadOnlyList<FacetOption> Types, IReadOnlyList<FacetOption> Statuses, int OcopCount, int TourismCount, IReadOnlyList<FacetOption> Communes);
