using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>Village filters read from GET parameters (shareable, no JavaScript); unknown values are dropped and reported, never an error.</summary>
public sealed record VillageFilter(string? District, string? Craft, VillageType? Type, VillageStatus? Status, bool HasOcop, bool Tourism, string Sort)
{
    /// <summary>The query keys <see cref="Read"/> reads (the cache varies by these, and only these).</summary>
    public const string QueryKeys = "huyen nghe loai tinh-trang sap-xep ocop du-lich";

    public static readonly VillageFilter None = new(null, null, null, null, false, false, "ten");

    public static (VillageFilter Filter, IReadOnlyList<string> Ignored) Read(IQueryCollection query, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalogue);
        var ignored = new List<string>();
        string? Pick(string key, IEnumerable<string> allowed) => QueryValues.Pick(query, key, allowed, ignored);
        var district = Pick("huyen", catalogue.Districts.Select(CatalogueSnapshot.DistrictKey));
        var craft = Pick("nghe", catalogue.Crafts.Select(c => c.Slug));
        var type = Pick("loai", CatalogueLabels.VillageTypes.Select(t => t.Key));
        var status = Pick("tinh-trang", CatalogueLabels.VillageStatuses.Select(s => s.Key));
        var sort = Pick("sap-xep", ["ten", "huyen"]) ?? "ten";
        return (new VillageFilter(
            district, craft,
            type is null ? null : CatalogueLabels.VillageTypes.First(t => t.Key == type).Value,
            status is null ? null : CatalogueLabels.VillageStatuses.First(s => s.Key == status).Value,
            QueryValues.Flag(query, "ocop", ignored), QueryValues.Flag(query, "du-lich", ignored), sort), ignored);
    }

    public bool IsEmpty => District is null && Craft is null && Type is null && Status is null && !HasOcop && !Tourism;

    /// <summary>How many conditions are chosen (said on the folded "Lọc" bar, so a phone user sees the list is filtered).</summary>
    public int ActiveCount => new object?[] { District, Craft, Type, Status }.Count(x => x is not null) + (HasOcop ? 1 : 0) + (Tourism ? 1 : 0);

    public IReadOnlyList<ContentItem> Apply(CatalogueSnapshot catalogue)
    {
        var villages = catalogue.Villages.Where(v => Matches(v, catalogue));
        if (Sort != "huyen") return villages.ToList();
        // The order by district is worked out once per snapshot, then filtered.
        var byDistrict = catalogue.Memo("villages-by-district", () => catalogue.Villages
            .OrderBy(v => catalogue.DistrictOf(v.Village!.Locality), VietnameseText.Collation).ThenBy(v => v.Title, VietnameseText.Collation).ToList());
        return byDistrict.Where(v => Matches(v, catalogue)).ToList();
    }

    public bool Matches(ContentItem village, CatalogueSnapshot catalogue)
    {
        var v = village.Village!;
        return (District is null || catalogue.DistrictKeyOf(v.Locality) == District)
            && (Craft is null || v.Crafts.Contains(Craft))
            && (Type is null || v.Type == Type)
            && (Status is null || v.Status == Status)
            && (!HasOcop || catalogue.HasRatedProduct(village))
            && (!Tourism || v.LinkedToTourism == true);
    }

    // Each facet counts in one pass (FacetCounts): one count per option, with 693 localities nationally, was quadratic.

    public IReadOnlyList<FacetOption> DistrictFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { District = null }, v => [c.DistrictKeyOf(v.Village!.Locality)]);
        return c.Districts.Select(d => CatalogueSnapshot.DistrictKey(d) is var key ? new FacetOption(key, d, counts.GetValueOrDefault(key), District == key) : null!)
            .Where(o => o.Count > 0 || o.Selected).ToList();
    }

    public IReadOnlyList<FacetOption> CraftFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { Craft = null }, v => v.Village!.Crafts.Distinct());
        return c.Crafts.Select(cr => new FacetOption(cr.Slug, cr.Title, counts.GetValueOrDefault(cr.Slug), Craft == cr.Slug)).ToList();
    }

    public IReadOnlyList<FacetOption> TypeFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { Type = null }, v => [v.Village!.Type.ToString()]);
        return CatalogueLabels.VillageTypes.Select(t => new FacetOption(t.Key, t.Label, counts.GetValueOrDefault(t.Value.ToString()), Type == t.Value)).ToList();
    }

    public IReadOnlyList<FacetOption> StatusFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { Status = null }, v => [v.Village!.Status.ToString()]);
        return CatalogueLabels.VillageStatuses.Select(s => new FacetOption(s.Key, s.Label, counts.GetValueOrDefault(s.Value.ToString()), Status == s.Value)).ToList();
    }

    public int OcopCount(CatalogueSnapshot c) => Count(c, this with { HasOcop = true });

    public int TourismCount(CatalogueSnapshot c) => Count(c, this with { Tourism = true });

    private static int Count(CatalogueSnapshot c, VillageFilter f) => c.Villages.Count(v => f.Matches(v, c));

    private static Dictionary<string, int> CountBy(CatalogueSnapshot c, VillageFilter others, Func<ContentItem, IEnumerable<string>> values) =>
        FacetCounts.Of(c.Villages, v => others.Matches(v, c), values);
}
