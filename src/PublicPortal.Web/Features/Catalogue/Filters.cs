using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>A filter option with the number of results it would give, the other filters held.</summary>
public sealed record FacetOption(string Key, string Label, int Count, bool Selected);

/// <summary>Village filters read from GET parameters (shareable, no JavaScript); unknown values are dropped and reported, never an error.</summary>
public sealed record VillageFilter(string? District, string? Craft, VillageType? Type, VillageStatus? Status, bool HasOcop, bool Tourism, string Sort)
{
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
        return (Sort == "huyen"
            ? villages.OrderBy(v => catalogue.DistrictOf(v.Village!.Locality), VietnameseText.Collation).ThenBy(v => v.Title, VietnameseText.Collation)
            : villages).ToList();
    }

    public bool Matches(ContentItem village, CatalogueSnapshot catalogue)
    {
        var v = village.Village!;
        return (District is null || CatalogueSnapshot.DistrictKey(catalogue.DistrictOf(v.Locality)) == District)
            && (Craft is null || v.Crafts.Contains(Craft))
            && (Type is null || v.Type == Type)
            && (Status is null || v.Status == Status)
            && (!HasOcop || catalogue.HasRatedProduct(village))
            && (!Tourism || v.LinkedToTourism == true);
    }

    public IReadOnlyList<FacetOption> DistrictFacet(CatalogueSnapshot c) =>
        c.Districts.Select(d => CatalogueSnapshot.DistrictKey(d) is var key ? new FacetOption(key, d, Count(c, this with { District = key }), District == key) : null!)
            .Where(o => o.Count > 0 || o.Selected).ToList();

    public IReadOnlyList<FacetOption> CraftFacet(CatalogueSnapshot c) =>
        c.Crafts.Select(cr => new FacetOption(cr.Slug, cr.Title, Count(c, this with { Craft = cr.Slug }), Craft == cr.Slug)).ToList();

    public IReadOnlyList<FacetOption> TypeFacet(CatalogueSnapshot c) =>
        CatalogueLabels.VillageTypes.Select(t => new FacetOption(t.Key, t.Label, Count(c, this with { Type = t.Value }), Type == t.Value)).ToList();

    public IReadOnlyList<FacetOption> StatusFacet(CatalogueSnapshot c) =>
        CatalogueLabels.VillageStatuses.Select(s => new FacetOption(s.Key, s.Label, Count(c, this with { Status = s.Value }), Status == s.Value)).ToList();

    public int OcopCount(CatalogueSnapshot c) => Count(c, this with { HasOcop = true });

    public int TourismCount(CatalogueSnapshot c) => Count(c, this with { Tourism = true });

    private static int Count(CatalogueSnapshot c, VillageFilter f) => c.Villages.Count(v => f.Matches(v, c));

}

public sealed record ProductFilter(int? Stars, int? Group, string? District, string? Village, bool ValidOnly)
{
    public static (ProductFilter Filter, IReadOnlyList<string> Ignored) Read(IQueryCollection query, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(catalogue);
        var ignored = new List<string>();
        int? Number(string key, int min, int max) =>
            QueryValues.Pick(query, key, Enumerable.Range(min, max - min + 1).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ignored) is { } n
                ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : null;
        return (new ProductFilter(
            Number("sao", 3, 5), Number("nhom", 1, 6),
            QueryValues.Pick(query, "huyen", catalogue.Districts.Select(CatalogueSnapshot.DistrictKey), ignored),
            QueryValues.Pick(query, "lang", catalogue.Villages.Select(v => v.Slug), ignored),
            QueryValues.Flag(query, "con-hieu-luc", ignored)), ignored);
    }

    public bool IsEmpty => Stars is null && Group is null && District is null && Village is null && !ValidOnly;

    /// <summary>How many conditions are chosen (said on the folded "Lọc" bar).</summary>
    public int ActiveCount => new object?[] { Stars, Group, District, Village }.Count(x => x is not null) + (ValidOnly ? 1 : 0);

    public bool Matches(ContentItem product, CatalogueSnapshot catalogue)
    {
        var p = product.Product!;
        return (Stars is null || p.Stars == Stars)
            && (Group is null || p.Group == Group)
            && (District is null || CatalogueSnapshot.DistrictKey(catalogue.DistrictOf(p.Locality)) == District)
            && (Village is null || p.Village == Village)
            && (!ValidOnly || Ocop.IsRated(p, catalogue.Today));
    }

    public IReadOnlyList<ContentItem> Apply(CatalogueSnapshot catalogue) =>
        catalogue.Products.Where(p => Matches(p, catalogue)).OrderByDescending(p => p.Product!.Stars).ThenBy(p => p.Title, VietnameseText.Collation).ToList();

    public IReadOnlyList<FacetOption> StarsFacet(CatalogueSnapshot c) =>
        new[] { 5, 4, 3 }.Select(s => new FacetOption(s.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{s} sao", Count(c, this with { Stars = s }), Stars == s)).ToList();

    public IReadOnlyList<FacetOption> GroupFacet(CatalogueSnapshot c) =>
        Enumerable.Range(1, 6).Select(g => new FacetOption(g.ToString(System.Globalization.CultureInfo.InvariantCulture), CatalogueLabels.Group(g), Count(c, this with { Group = g }), Group == g)).ToList();

    public IReadOnlyList<FacetOption> DistrictFacet(CatalogueSnapshot c) =>
        c.Districts.Select(d => CatalogueSnapshot.DistrictKey(d) is var key ? new FacetOption(key, d, Count(c, this with { District = key }), District == key) : null!)
            .Where(o => o.Count > 0 || o.Selected).ToList();

    public IReadOnlyList<FacetOption> VillageFacet(CatalogueSnapshot c) =>
        c.Villages.Where(v => c.Products.Any(p => p.Product!.Village == v.Slug))
            .Select(v => new FacetOption(v.Slug, v.Title, Count(c, this with { Village = v.Slug }), Village == v.Slug)).ToList();

    public int ValidCount(CatalogueSnapshot c) => Count(c, this with { ValidOnly = true });

    private static int Count(CatalogueSnapshot c, ProductFilter f) => c.Products.Count(p => f.Matches(p, c));
}

/// <summary>Reads filter values from the query string: only known values pass; anything else is named in <c>ignored</c>.</summary>
internal static class QueryValues
{
    public static string? Pick(IQueryCollection query, string key, IEnumerable<string> allowed, List<string> ignored)
    {
        var value = query[key].ToString();
        if (string.IsNullOrEmpty(value)) return null;
        if (allowed.Contains(value, StringComparer.Ordinal)) return value;
        ignored.Add(key);
        return null;
    }

    public static bool Flag(IQueryCollection query, string key, List<string> ignored) =>
        Pick(query, key, ["1", "true", "on"], ignored) is not null;
}
