using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Tests.Admin;

/// <summary>The staff analytics page shows what readers did: per day, most-read items in a period, referring sites, bots.</summary>
public sealed class AnalyticsTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:Traffic:TrustAllProxies"] = "true" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task ReadAsync(HttpClient client, string url, int reader, string? referer = null, string? userAgent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent ?? $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader-{reader}");
        request.Headers.Add("X-Forwarded-For", $"10.9.{reader}.7");
        if (referer is not null) request.Headers.Referrer = new Uri(referer);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Readers_views_show_up_per_day_per_item_and_per_referring_site()
    {
        var reader = _factory.CreateReader();
        for (var i = 0; i < 3; i++) await ReadAsync(reader, "/lang-nghe/gom-binh-duc", i, i == 0 ? "https://www.facebook.com/some/post?id=123" : null);
        await ReadAsync(reader, "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc", 0);
        await ReadAsync(reader, "/lang-nghe/gom-binh-duc", 7, "https://zalo.me/abc", "Googlebot/2.1 (+http://www.google.com/bot.html)");
        // Eight days ago (Vietnam time): inside the 30-day view, outside the 7-day one.
        _factory.Clock.Advance(TimeSpan.FromDays(-8));
        await ReadAsync(reader, "/san-pham/gom-cham-son-hoa", 5, "https://baobinhthuan.com.vn/tin");
        _factory.Clock.Advance(TimeSpan.FromDays(8));
        await _factory.Services.GetRequiredService<TrafficCounter>().FlushAsync();

        var admin = await StaffClient.SignedInAsync(_factory, "thong-ke@example.vn", PortalRoles.Admin);
        var (response, _, week) = await Html.GetAsync(admin, "/quan-tri/thong-ke?ky=7");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var top = week.QuerySelectorAll("ol.top-items li").Select(li => li.TextContent).ToList();
        Assert.EndsWith("Bình Đức — 3 lượt xem", top[0], StringComparison.Ordinal);
        Assert.Equal(2, top.Count); // the product was read eight days ago
        Assert.Equal(["facebook.com — 1 lượt truy cập"], week.QuerySelectorAll("ol.top-referrers li").Select(li => li.TextContent));
        Assert.Equal("20 %", week.QuerySelector(".bot-share")!.TextContent); // 1 bot request, 4 page views
        Assert.NotNull(week.QuerySelector("figure.chart svg[role=img] title"));
        var today = week.QuerySelectorAll("#theo-ngay ~ details tbody tr")[^1].QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["3", "4", "1"], today); // visits, page views, bot requests

        var (_, _, month) = await Html.GetAsync(admin, "/quan-tri/thong-ke?ky=30");
        Assert.Contains(month.QuerySelectorAll("ol.top-items li"), li => li.TextContent.StartsWith("Gốm Chăm Sơn Hòa — 1 lượt xem", StringComparison.Ordinal));
        Assert.Contains(month.QuerySelectorAll("ol.top-referrers li"), li => li.TextContent == "baobinhthuan.com.vn — 1 lượt truy cập");
    }

    [Fact]
    public async Task Signed_in_staff_reading_the_site_are_not_counted()
    {
        var admin = await StaffClient.SignedInAsync(_factory, "doc-thu@example.vn", PortalRoles.Editor);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/lang-nghe/gom-binh-duc")).StatusCode);
        var counter = _factory.Services.GetRequiredService<TrafficCounter>();
        Assert.Equal(0, counter.PendingViews(ContentKind.Village, "gom-binh-duc"));
        Assert.Equal(0, counter.Pending(counter.Today, TrafficCounter.Measure.PageViews));
    }
}
