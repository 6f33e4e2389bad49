using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>What readers searched for over the last days: the most searched words, and those that found nothing.</summary>
public static class SearchInsightReport
{
    /// <param name="Results">What the last search of these words found.</param>
    public sealed record Row(string Query, string Text, int Searches, int Results);

    public static DateOnly Since(TimeProvider clock, int days)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return VietnamTime.DayOf(clock.GetUtcNow().UtcDateTime).AddDays(1 - days);
    }

    /// <param name="withoutResults">Only words that found nothing on any of those days.</param>
    public static async Task<List<Row>> TopAsync(PortalDbContext db, DateOnly from, bool withoutResults, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var grouped = db.SearchQueryDays.Where(x => x.Day >= from).GroupBy(x => x.Query)
            .Select(g => new { Query = g.Key, Searches = g.Sum(x => x.Searches), Found = g.Max(x => x.Results) })
            .Where(g => g.Searches >= SearchLog.MinSearches);
        if (withoutResults) grouped = grouped.Where(g => g.Found == 0);
        var top = await grouped.OrderByDescending(g => g.Searches).ThenBy(g => g.Query).Take(take).ToListAsync(cancellationToken);
        var keys = top.Select(t => t.Query).ToList();
        var latest = (await db.SearchQueryDays.AsNoTracking().Where(x => x.Day >= from && keys.Contains(x.Query)).Select(x => new { x.Query, x.Day, x.Text, x.Results }).ToListAsync(cancellationToken))
            .GroupBy(x => x.Query, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(x => x.Day)!, StringComparer.Ordinal);
        return top.Select(t => new Row(t.Query, latest[t.Query].Text, t.Searches, latest[t.Query].Results)).ToList();
    }

    /// <summary>How many different queries found nothing since <paramref name="from"/> (the dashboard's line).</summary>
    public static Task<int> WithoutResultsCountAsync(PortalDbContext db, DateOnly from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SearchQueryDays.Where(x => x.Day >= from).GroupBy(x => x.Query)
            .Where(g => g.Max(x => x.Results) == 0 && g.Sum(x => x.Searches) >= SearchLog.MinSearches).CountAsync(cancellationToken);
    }

    public static async Task<int> SearchesAsync(PortalDbContext db, DateOnly from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.SearchQueryDays.Where(x => x.Day >= from).SumAsync(x => (int?)x.Searches, cancellationToken) ?? 0;
    }
}
