using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Links;

namespace PublicPortal.Tests.Links;

/// <summary>
/// Links from published content to other sites, checked as a polite robot would against a real local web server (never
/// the internet): spaced per host, HEAD then GET, with timeouts; broken ones reported per item to editors.
/// </summary>
public sealed class ExternalLinkTests : IAsyncLifetime
{
    private const double Spacing = 0.5;
    private LocalHttpServer _other = null!;

    public async Task InitializeAsync() => _other = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _other.DisposeAsync();

    /// <summary>A site without the seed (whose sources are on the internet), checking links as configured here.</summary>
    private static PortalFactory Site(bool allowPrivate) => new()
    {
        Seeded = false,
        Settings =
        {
            ["Portal:ContentDirectory"] = RepositoryPaths.NewTempDirectory("portal-no-content"),
            ["Portal:LinkCheck:AllowPrivateAddresses"] = allowPrivate ? "true" : "false",
            ["Portal:LinkCheck:HostSpacingSeconds"] = Spacing.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Portal:LinkCheck:TimeoutSeconds"] = "1",
            ["Portal:LinkCheck:FailuresBeforeBroken"] = "2",
        },
    };

    private static async Task<int> CreateAsync(PortalFactory site, string slug, string title, string body, List<SourceRef>? sources = null)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(new ContentItem
        {
            Kind = ContentKind.News, Slug = slug, Title = title, Summary = "Tin thử liên kết.", Body = body, Sources = sources ?? [],
            Status = ContentStatus.Published, PublishedAtUtc = site.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
        }, null, 0, "bien-tap@example.vn");
        return Assert.IsType<SaveOutcome.Saved>(outcome).Id;
    }

    private static async Task<Dictionary<string, ExternalLink>> LinksAsync(PortalFactory site)
    {
        Dictionary<string, ExternalLink> links = [];
        await site.WithDbAsync(async db => links = await db.ExternalLinks.AsNoTracking().ToDictionaryAsync(l => new Uri(l.Url).AbsolutePath));
        return links;
    }

    [Fact]
    public async Task Links_to_other_sites_are_checked_politely_and_broken_ones_are_shown_to_editors_per_item()
    {
        await using var site = Site(allowPrivate: true);
        var o = _other.Origin;
        var first = await CreateAsync(site, "tin-lien-ket-mot", "Tin có nhiều liên kết",
            $"[Trang tốt]({o}/ok), [Trang đã xóa]({o}/gone#muc-2), [Trang đã chuyển]({o}/moved), [Chỉ nhận GET]({o}/no-head), " +
            $"[Chặn máy]({o}/robots-not-welcome), [Trang chậm]({o}/slow), [Máy chủ sập]({o}/down), <{o}/ok>, " +
            "[thư](mailto:lien-he@example.vn), [tìm kiếm](/tim-kiem), [tìm trên cổng](http://localhost/tim-kiem).",
            [new SourceRef { Title = "Nguồn tin gốc", Url = o + "/ok-2" }]);
        var second = await CreateAsync(site, "tin-lien-ket-hai", "Tin thứ hai cũng trỏ tới trang đã xóa", $"Xem [bài cũ]({o}/gone).");

        var checker = site.Services.GetRequiredService<LinkChecker>();
        Assert.Equal(8, await checker.RunOnceAsync());

        var links = await LinksAsync(site);
        // Only links to other sites, once per address (the anchor is not part of it), this site's own and mailto: left out.
        Assert.Equal(["/down", "/gone", "/moved", "/no-head", "/ok", "/ok-2", "/robots-not-welcome", "/slow"], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(LinkState.Ok, links["/ok"].State);
        Assert.Equal(LinkState.Ok, links["/ok-2"].State);
        Assert.Equal(LinkState.Ok, links["/moved"].State);
        Assert.Equal(LinkState.Ok, links["/no-head"].State);
        Assert.Equal((LinkState.Broken, 404), (links["/gone"].State, links["/gone"].StatusCode));
        Assert.Equal(LinkState.Blocked, links["/robots-not-welcome"].State);
        // A slow or failing site is not broken the first time: it is tried again sooner.
        Assert.Equal(LinkState.Failing, links["/slow"].State);
        Assert.Contains("1 giây", links["/slow"].Problem, StringComparison.Ordinal);
        Assert.Equal(LinkState.Failing, links["/down"].State);

        // HEAD first; GET only where HEAD was refused or failed; a redirect followed to its target.
        Assert.Equal(["HEAD", "GET"], _other.HitsOn("/no-head").Select(h => h.Method));
        Assert.Equal(["HEAD"], _other.HitsOn("/ok-2").Select(h => h.Method));
        Assert.Equal(["HEAD"], _other.HitsOn("/moved").Select(h => h.Method));
        // Never two requests to one host closer together than the spacing, redirects included.
        var times = _other.Hits.Select(h => h.AtMilliseconds).Order().ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Min() >= Spacing * 1000 - 30, $"two requests {gaps.Min()} ms apart");

        // Nothing is due again at once.
        var hits = _other.Hits.Count;
        Assert.Equal(0, await checker.RunOnceAsync());
        Assert.Equal(hits, _other.Hits.Count);
        // Two hours later the failing ones are tried again; failing twice in a row, they are broken.
        await site.AdvanceClockAsync(TimeSpan.FromHours(2));
        Assert.Equal(2, await checker.RunOnceAsync());
        links = await LinksAsync(site);
        Assert.Equal(LinkState.Broken, links["/down"].State);
        Assert.Contains("503", links["/down"].Problem, StringComparison.Ordinal);
        Assert.Equal(LinkState.Broken, links["/slow"].State);

        // Editors see them: the report with every item using a link, the dashboard count, the item's own editor.
        var editor = await StaffClient.SignedInAsync(site, "bien-tap@example.vn", PortalRoles.Editor);
        var (_, _, report) = await Html.GetAsync(editor, "/quan-tri/lien-ket");
        var goneRow = report.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector(".url")!.TextContent.EndsWith("/gone", StringComparison.Ordinal));
        Assert.Contains("Trang không còn (404)", goneRow.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Tin có nhiều liên kết", "Tin thứ hai cũng trỏ tới trang đã xóa"], goneRow.QuerySelectorAll("td ul a").Select(a => a.TextContent));
        Assert.Equal(3, report.QuerySelectorAll("tbody tr").Count(r => r.TextContent.Contains("Hỏng", StringComparison.Ordinal)));
        var (_, _, dashboard) = await Html.GetAsync(editor, "/quan-tri");
        var line = dashboard.QuerySelectorAll("ul.todo li").Single(li => li.TextContent.Contains("liên kết ra ngoài bị hỏng", StringComparison.Ordinal));
        Assert.StartsWith("3 ", line.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("/quan-tri/lien-ket", line.QuerySelector("a")!.GetAttribute("href"));
        var (_, _, edit) = await Html.GetAsync(editor, $"/quan-tri/noi-dung/sua/{first}");
        Assert.Contains("“Trang đã xóa” (" + o + "/gone): Trang không còn (404)", edit.QuerySelector("#lien-ket-hong")!.ParentElement!.TextContent, StringComparison.Ordinal);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var digest = await scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Mail.DailyDigest>().BodyAsync(new DateOnly(2026, 11, 28));
            Assert.Contains("- 3 liên kết ra ngoài bị hỏng: http://localhost/quan-tri/lien-ket", digest, StringComparison.Ordinal);
        }

        // "Kiểm tra lại" makes a link due at the next round.
        var recheck = await StaffClient.PostFormAsync(editor, "/quan-tri/lien-ket?handler=Recheck", new() { ["id"] = links["/gone"].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/quan-tri/lien-ket");
        Assert.Equal(HttpStatusCode.Redirect, recheck.StatusCode);
        Assert.Equal(1, await checker.RunOnceAsync());

        // The second item is unpublished: the link stays for the first; the first drops it: it leaves the list.
        Assert.IsType<SaveOutcome.Saved>(await site.EditAsync(second, i => { i.Status = ContentStatus.Draft; return i; }));
        Assert.IsType<SaveOutcome.Saved>(await site.EditAsync(first, i => { i.Body = $"Chỉ còn [trang tốt]({o}/ok)."; i.Sources = []; return i; }));
        await checker.RunOnceAsync();
        Assert.Equal(["/ok"], (await LinksAsync(site)).Keys);
    }

    [Fact]
    public async Task A_link_into_a_private_network_is_never_requested_and_is_reported_as_unreachable()
    {
        await using var site = Site(allowPrivate: false);
        await CreateAsync(site, "tin-lien-ket-noi-bo", "Tin trỏ vào mạng nội bộ", $"[Máy nội bộ]({_other.Origin}/ok) và [siêu dữ liệu](http://169.254.169.254/latest/meta-data/).");
        await site.Services.GetRequiredService<LinkChecker>().RunOnceAsync();
        var links = await LinksAsync(site);
        Assert.All(links.Values, l => Assert.Equal(LinkState.Broken, l.State));
        Assert.All(links.Values, l => Assert.Contains("mạng nội bộ", l.Problem, StringComparison.Ordinal));
        Assert.Empty(_other.Hits);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::10.0.0.1", false)]
    [InlineData("64:ff9b::10.0.0.5", false)]
    [InlineData("64:ff9b:1::a00:5", false)]
    [InlineData("64:ff9b::14.225.0.1", true)]
    [InlineData("2002:a00:1::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("14.225.0.1", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void Only_public_internet_addresses_are_reached(string address, bool isPublic) =>
        Assert.Equal(isPublic, PublicAddress.IsPublic(IPAddress.Parse(address)));
}
