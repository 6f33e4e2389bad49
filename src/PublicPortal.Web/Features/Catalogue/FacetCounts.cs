using System.Runtime.InteropServices;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>One facet of a list: its condition when the reader chose one (null otherwise), and the value(s) an item counts under.</summary>
internal sealed record Facet<T>(Func<T, bool>? Chosen, Func<T, string?>? Value = null, Func<T, IEnumerable<string>>? Values = null);

/// <summary>The matching items, in the order given, and each facet's counts.</summary>
internal sealed record FacetTally<T>(List<T> Matching, Dictionary<string, int>[] Counts);

/// <summary>
/// Every facet's counts and the matching items in one pass: each item is checked once against every chosen condition;
/// it counts under a facet when it fails no condition but that facet's own (so a facet's counts are those of the list
/// with that facet alone set aside), and is a result when it fails none. One pass per facet took 40 ms on a national
/// list (20,000 products, five facets), one count per option half a minute.
/// </summary>
internal static class FacetCounts
{
    public static FacetTally<T> Tally<T>(IEnumerable<T> items, params Facet<T>[] facets)
    {
        var counts = new Dictionary<string, int>[facets.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = new Dictionary<string, int>(StringComparer.Ordinal);
        var matching = new List<T>();
        foreach (var item in items)
        {
            var failed = -1;
            var failures = 0;
            for (var i = 0; i < facets.Length && failures < 2; i++)
            {
                if (facets[i].Chosen is { } chosen && !chosen(item))
                {
                    failures++;
                    failed = i;
                }
            }
            if (failures >= 2) continue;
            if (failures == 0) matching.Add(item);
            for (var i = 0; i < facets.Length; i++)
            {
                if (failures == 1 && failed != i) continue;
                var facet = facets[i];
                if (facet.Value?.Invoke(item) is { } value) CollectionsMarshal.GetValueRefOrAddDefault(counts[i], value, out _)++;
                if (facet.Values is { } values)
                {
                    foreach (var each in values(item)) CollectionsMarshal.GetValueRefOrAddDefault(counts[i], each, out _)++;
                }
            }
        }
        return new FacetTally<T>(matching, counts);
    }

    /// <summary>"1" for an item a yes/no facet holds (a checkbox's count), null otherwise.</summary>
    public static string? Yes(bool holds) => holds ? "1" : null;
}
