namespace PublicPortal.Web.Features.Catalogue;

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
