using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

public sealed record ProductFilter(int? Stars, int? Group, string? District, string? Village, bool ValidOnly)
{
    /// <summary>The query keys <see cref="Read"/> reads (the cache varies by these, and only these).</summary>
    public const string QueryKeys = "sao nhom huyen lang con-hieu-luc";

    private static readonly int[] StarLevels = [5, 4, 3];

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
            && (District is null || catalogue.DistrictKeyOf(p.Locality) == District)
            && (Village is null || p.Village == Village)
            && (!ValidOnly || Ocop.IsRated(p, catalogue.Today));
    }

    /// <summary>The matching products, most stars first, then by name (the order is worked out once per snapshot).</summary>
    public IReadOnlyList<ContentItem> Apply(CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var ordered = catalogue.Memo("products-by-stars-then-name", () =>
            catalogue.Products.OrderByDescending(p => p.Product!.Stars).ThenBy(p => p.Title, VietnameseText.Collation).ToList());
        return ordered.Where(p => Matches(p, catalogue)).ToList();
    }

    /// <summary>Beyond this many, the village list is not offered (a national one has thousands): choosing a district narrows it.</summary>
    public const int MaxVillageOptions = 300;

    // Each facet counts in one pass (FacetCounts): one count per option made a national list (5,400 villages to
    // choose from, 20,000 products) take half a minute.

    public IReadOnlyList<FacetOption> StarsFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { Stars = null }, p => p.Product!.Stars.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return StarLevels.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture) is var key
            ? new FacetOption(key, $"{s} sao", counts.GetValueOrDefault(key), Stars == s) : null!).ToList();
    }

    public IReadOnlyList<FacetOption> GroupFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { Group = null }, p => p.Product!.Group.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Enumerable.Range(1, 6).Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture) is var key
            ? new FacetOption(key, CatalogueLabels.Group(g), counts.GetValueOrDefault(key), Group == g) : null!).ToList();
    }

    public IReadOnlyList<FacetOption> DistrictFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { District = null }, p => c.DistrictKeyOf(p.Product!.Locality));
        return c.Districts.Select(d => CatalogueSnapshot.DistrictKey(d) is var key ? new FacetOption(key, d, counts.GetValueOrDefault(key), District == key) : null!)
            .Where(o => o.Count > 0 || o.Selected).ToList();
    }

    /// <summary>Villages that have products at all (whatever the other conditions), each with its count under them.</summary>
    public IReadOnlyList<FacetOption> VillageFacet(CatalogueSnapshot c)
    {
        var counts = CountBy(c, this with { Village = null }, p => p.Product!.Village);
        var options = c.Villages.Where(v => c.ProductsOf(v).Count > 0)
            .Select(v => new FacetOption(v.Slug, v.Title, counts.GetValueOrDefault(v.Slug), Village == v.Slug)).ToList();
        // Too many to choose from: only those the other conditions leave (a chosen district's villages).
        return options.Count <= MaxVillageOptions ? options : options.Where(o => o.Count > 0 || o.Selected).ToList();
    }

    public int ValidCount(CatalogueSnapshot c) => Count(c, this with { ValidOnly = true });

    private static int Count(CatalogueSnapshot c, ProductFilter f) => c.Products.Count(p => f.Matches(p, c));

    private static Dictionary<string, int> CountBy(CatalogueSnapshot c, ProductFilter others, Func<ContentItem, string?> value) =>
        FacetCounts.Of(c.Products, p => others.Matches(p, c), p => [value(p)]);
}
