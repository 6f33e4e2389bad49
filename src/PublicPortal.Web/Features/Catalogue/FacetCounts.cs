namespace PublicPortal.Web.Features.Catalogue;

/// <summary>
/// A facet's counts in one pass: of the items that match every other condition, how many fall under each value (an
/// item may fall under several, as a village under each of its crafts). One count per option was quadratic at
/// national size.
/// </summary>
internal static class FacetCounts
{
    public static Dictionary<string, int> Of<T>(IEnumerable<T> items, Func<T, bool> matches, Func<T, IEnumerable<string?>> values)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!matches(item)) continue;
            foreach (var value in values(item))
                if (value is not null) counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        return counts;
    }
}
