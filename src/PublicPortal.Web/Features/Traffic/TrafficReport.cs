using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Traffic;

public sealed record TrafficRow(string Label, long Visits, long PageViews, long BotRequests)
{
    /// <summary>Bot requests as a share of all requests for pages, in percent.</summary>
    public double BotShare => PageViews + BotRequests == 0 ? 0 : 100.0 * BotRequests / (PageViews + BotRequests);
}

public sealed record TopItem(ContentKind Kind, string Slug, string Title, long Views);

public sealed record TopReferrer(string Domain, long Visits);

/// <summary>The figures of the staff analytics page, from the stored daily counts (written every second).</summary>
public sealed class TrafficReport(PortalDbContext db, TrafficCounter counter)
{
    public DateOnly Today => counter.Today;

    public async Task<List<TrafficRow>> DaysAsync(int count)
    {
        var from = Today.AddDays(1 - count);
        var stored = await db.DailyTraffic.AsNoTracking().Where(x => x.Day >= from).ToDictionaryAsync(x => x.Day);
        return Enumerable.Range(0, count).Select(i => from.AddDays(i)).Select(day => stored.TryGetValue(day, out var t)
            ? new TrafficRow(day.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture), t.Visits, t.PageViews, t.BotRequests)
            : new TrafficRow(day.ToString("dd/MM", System.Globalization.CultureInfo.InvariantCulture), 0, 0, 0)).ToList();
    }

    public async Task<List<TrafficRow>> MonthsAsync(int count)
    {
        var first = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1 - count);
        var stored = await db.DailyTraffic.AsNoTracking().Where(x => x.Day >= first).ToListAsync();
        return Enumerable.Range(0, count).Select(i => first.AddMonths(i)).Select(month =>
        {
            var days = stored.Where(d => d.Day.Year == month.Year && d.Day.Month == month.Month).ToList();
            return new TrafficRow(month.ToString("MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), days.Sum(d => d.Visits), days.Sum(d => d.PageViews), days.Sum(d => d.BotRequests));
        }).ToList();
    }

    public async Task<List<TopItem>> TopItemsAsync(DateOnly from, int take)
    {
        var views = await db.ItemDailyViews.AsNoTracking().Where(x => x.Day >= from)
            .GroupBy(x => new { x.Kind, x.Slug }).Select(g => new { g.Key.Kind, g.Key.Slug, Views = g.Sum(x => x.Views) })
            .OrderByDescending(x => x.Views).Take(take).ToListAsync();
        var slugs = views.Select(v => v.Slug).ToList();
        var titles = await db.ContentItems.AsNoTracking().Where(i => slugs.Contains(i.Slug)).Select(i => new { i.Kind, i.Slug, i.Title }).ToListAsync();
        return views.Select(v => new TopItem(v.Kind, v.Slug, titles.FirstOrDefault(t => t.Kind == v.Kind && t.Slug == v.Slug)?.Title ?? v.Slug, v.Views)).ToList();
    }

    public async Task<List<TopReferrer>> TopReferrersAsync(DateOnly from, int take) =>
        (await db.ReferrerDaily.AsNoTracking().Where(x => x.Day >= from)
            .GroupBy(x => x.Domain).Select(g => new { Domain = g.Key, Visits = g.Sum(x => x.Visits) })
            .OrderByDescending(x => x.Visits).Take(take).ToListAsync())
        .Select(x => new TopReferrer(x.Domain, x.Visits)).ToList();
}
