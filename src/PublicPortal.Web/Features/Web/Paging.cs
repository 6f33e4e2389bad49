using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace PublicPortal.Web.Features.Web;

public static class Paging
{
    public const int MaxPage = 100_000;

    /// <summary>Reads ?page= strictly: absent means 1; anything but a plain positive number is refused (never a 500).</summary>
    public static bool TryReadPage(string? raw, out int page)
    {
        page = 1;
        if (string.IsNullOrEmpty(raw)) return true;
        if (raw.Length > 6 || !raw.All(char.IsAsciiDigit)) return false;
        page = int.Parse(raw, CultureInfo.InvariantCulture);
        return page is >= 1 and <= MaxPage;
    }

    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Paged<T>(items, page, pageSize, total);
    }

    /// <summary>A list's title, with its page number after the first page: "Làng nghề – trang 2".</summary>
    public static string Title(string label, int page) => page > 1 ? $"{label} – trang {page}" : label;

    /// <summary>One page of a list already in memory (the catalogue snapshot's filtered villages or products).</summary>
    public static Paged<T> Slice<T>(IReadOnlyList<T> all, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(all);
        var from = Math.Min(all.Count, (page - 1) * pageSize);
        var items = new List<T>(Math.Min(pageSize, all.Count - from));
        for (var i = from; i < Math.Min(all.Count, from + pageSize); i++) items.Add(all[i]);
        return new Paged<T>(items, page, pageSize, all.Count);
    }

    /// <summary>The current URL with <paramref name="key"/> set to <paramref name="page"/> (left out for page 1, so page 1 has one URL).</summary>
    public static string HrefFor(HttpRequest request, string key, int page, string? fragment = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = PageQuery.Of(request).Where(q => q.Key != key).ToList();
        if (page > 1) query.Add(KeyValuePair.Create(key, (string?)page.ToString(CultureInfo.InvariantCulture)));
        return request.PathBase + request.Path + QueryString.Create(query) + (fragment is null ? "" : "#" + fragment);
    }

    /// <summary>Page numbers to show, with null for a gap: 1 … 4 5 6 … 12.</summary>
    public static IReadOnlyList<int?> Window(int page, int totalPages, int around = 2)
    {
        var shown = new List<int?>();
        var from = Math.Max(1, Math.Min(page - around, totalPages - 2 * around));
        var to = Math.Min(totalPages, Math.Max(page + around, 1 + 2 * around));
        // A gap that would hide a single page shows that page instead.
        if (from > 1)
        {
            shown.Add(1);
            if (from == 3) shown.Add(2);
            else if (from > 3) shown.Add(null);
        }
        for (var i = from; i <= to; i++) shown.Add(i);
        if (to < totalPages)
        {
            if (to == totalPages - 2) shown.Add(totalPages - 1);
            else if (to < totalPages - 2) shown.Add(null);
            shown.Add(totalPages);
        }
        return shown;
    }
}
