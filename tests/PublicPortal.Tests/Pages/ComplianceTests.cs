using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Tests.Pages;

/// <summary>
/// The portal shows which legal requirement it meets where (/tuan-thu), states its accessibility (/tiep-can), lists
/// every section and item on one page (/so-do-trang), and links every page's footer to them and to related portals.
/// </summary>
public sealed class ComplianceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_place_the_compliance_list_names_answers_200()
    {
        var client = factory.CreateReader();
        var (response, body, document) = await Html.GetAsync(client, SiteLinks.Compliance);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The list is data: what Decree 42 asked, marked as the basis before 1 July 2026, beside what replaced it.
        Assert.Contains("Nghị định 42/2022/NĐ-CP", body, StringComparison.Ordinal);
        Assert.Contains("Căn cứ trước 01/07/2026", body, StringComparison.Ordinal);
        Assert.Contains("Nghị định 224/2026/NĐ-CP", body, StringComparison.Ordinal);
        Assert.Contains("Thông tư 22/2023/TT-BTTTT", body, StringComparison.Ordinal);

        var rows = document.QuerySelectorAll("main table tbody tr");
        Assert.True(rows.Length >= 10, $"only {rows.Length} requirements listed");
        var places = rows.SelectMany(r => r.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!)).Where(h => h.StartsWith('/')).Distinct().ToList();
        Assert.Contains(SiteLinks.List(ContentKind.Document), places);
        Assert.Contains(SiteLinks.SiteMapPage, places);
        Assert.Contains(SiteLinks.Accessibility, places);
        foreach (var place in places)
            Assert.True((await client.GetAsync(place)).StatusCode == HttpStatusCode.OK, $"{place}, named on the compliance list, does not answer 200");
        // What the English pages do not cover is said, rather than claimed; and the English pages it names are there.
        var english = rows.Single(r => r.Children[0].TextContent.Trim().StartsWith("Tiếng Anh", StringComparison.Ordinal));
        Assert.Contains("chỉ có tiếng Việt", english.TextContent, StringComparison.Ordinal);
        Assert.Contains("/en/contact", english.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_English_compliance_list_has_the_same_requirements_and_every_place_it_names_answers_200()
    {
        var client = factory.CreateReader();
        var (_, _, vietnamese) = await Html.GetAsync(client, SiteLinks.Compliance);
        var (response, body, document) = await Html.GetAsync(client, "/en/compliance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Legal compliance", document.QuerySelector("main h1")!.TextContent);
        Assert.Contains("Basis before 1 July 2026", body, StringComparison.Ordinal);
        var rows = document.QuerySelectorAll("main table tbody tr");
        Assert.Equal(vietnamese.QuerySelectorAll("main table tbody tr").Length, rows.Length);
        Assert.Contains(rows, r => r.Children[0].TextContent.Trim().StartsWith("English for", StringComparison.Ordinal) && r.TextContent.Contains("Vietnamese only", StringComparison.Ordinal));
        var places = rows.SelectMany(r => r.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!)).Where(h => h.StartsWith('/')).Distinct().ToList();
        Assert.Contains("/en/accessibility", places);
        Assert.Superset(new HashSet<string> { "/en/search", "/en/site-map", "/en/open-data" }, places.ToHashSet());
        foreach (var place in places)
            Assert.True((await client.GetAsync(place)).StatusCode == HttpStatusCode.OK, $"{place}, named on the English compliance list, does not answer 200");
    }

    [Fact]
    public async Task The_compliance_list_is_content_an_editor_revises()
    {
        ContentItem page = null!;
        await factory.WithDbAsync(async db => page = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Kind == ContentKind.Page && x.Slug == SiteLinks.ComplianceSlug));
        const string row = "| Yêu cầu thử nghiệm mới | Văn bản thử | Đang hiệu lực | [Văn bản](/van-ban) |";
        Assert.IsType<SaveOutcome.Saved>(await factory.EditAsync(page.Id, i => { i.Body = i.Body.Replace("| Tìm kiếm thông tin |", row + "\n| Tìm kiếm thông tin |", StringComparison.Ordinal); return i; }));
        var (_, _, document) = await Html.GetAsync(factory.CreateReader(), SiteLinks.Compliance);
        Assert.Contains(document.QuerySelectorAll("main table tbody tr"), r => r.TextContent.Contains("Yêu cầu thử nghiệm mới", StringComparison.Ordinal));
        await factory.WithDbAsync(async db => Assert.True(await db.Revisions.CountAsync(r => r.ContentItemId == page.Id) >= 2));
    }

    [Fact]
    public async Task The_accessibility_statement_names_the_standard_the_checks_the_gaps_and_the_review_date()
    {
        var (response, body, _) = await Html.GetAsync(factory.CreateReader(), SiteLinks.Accessibility);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var part in new[] { "WCAG 2.1 mức AA", "axe-core", "Nu", "tắt JavaScript", "Hạn chế đã biết", "Báo cho chúng tôi", "ngày rà soát gần nhất" })
            Assert.Contains(part, body, StringComparison.Ordinal);
        // The review date is the statement's own: the day it was last saved.
        Assert.Matches(@"Cập nhật: <time datetime=""\d{4}-\d{2}-\d{2}T[^""]+"">\d{2}/\d{2}/\d{4}</time>", body);
    }

    [Fact]
    public async Task The_sitemap_page_lists_every_section_and_every_published_item_and_no_other()
    {
        var client = factory.CreateReader();
        var (response, _, document) = await Html.GetAsync(client, SiteLinks.SiteMapPage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToHashSet();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        List<ContentItem> items = [];
        await factory.WithDbAsync(async db => items = await db.ContentItems.AsNoTracking()
            .Where(x => x.Kind != ContentKind.Locality && x.Kind != ContentKind.Craft).ToListAsync());
        var visible = items.Where(x => x.Status == ContentStatus.Published && x.PublishedAtUtc <= now).ToList();
        Assert.NotEmpty(visible);
        foreach (var item in visible) Assert.Contains(SiteLinks.Item(item), links);
        foreach (var item in items.Except(visible)) Assert.DoesNotContain(SiteLinks.Item(item), links);
        foreach (var kind in new[] { ContentKind.News, ContentKind.Document, ContentKind.Village, ContentKind.Product, ContentKind.Route })
            Assert.Contains(SiteLinks.List(kind), links);
        // The related portals, as the compliance list says.
        Assert.Contains("https://dichvucong.gov.vn", links);
    }

    [Fact]
    public async Task Every_page_footer_links_the_sitemap_compliance_accessibility_and_the_related_portals()
    {
        var portals = factory.Services.GetRequiredService<IOptions<PublicPortal.Web.Features.Hosting.PortalOptions>>().Value.RelatedPortals;
        Assert.NotEmpty(portals);
        var client = factory.CreateReader();
        foreach (var path in new[] { SiteLinks.Home, SiteLinks.List(ContentKind.Village), SiteLinks.Compliance, "/trang-khong-co" })
        {
            var (_, _, document) = await Html.GetAsync(client, path);
            var footer = document.QuerySelector("footer.site-footer")!;
            var hrefs = footer.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
            Assert.Contains(SiteLinks.SiteMapPage, hrefs);
            Assert.Contains(SiteLinks.Compliance, hrefs);
            Assert.Contains(SiteLinks.Accessibility, hrefs);
            // The national public-service portal, as the compliance list says, from the shipped settings.
            Assert.Contains("https://dichvucong.gov.vn", hrefs);
            foreach (var portal in portals)
            {
                var link = footer.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == portal.Url);
                Assert.Equal(portal.Name, link.TextContent);
            }
        }
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/lien-he")]
    [InlineData("")]
    public async Task A_related_portal_that_is_not_a_web_address_stops_the_site_from_starting_with_a_clear_message(string url)
    {
        await using var site = new PortalFactory { Settings = { ["Portal:RelatedPortals:0:Name"] = "Cổng lạ", ["Portal:RelatedPortals:0:Url"] = url } };
        var error = await Record.ExceptionAsync(() => Task.Run(() => site.CreateReader()));
        Assert.NotNull(error);
        Assert.Contains("Portal:RelatedPortals", error.ToString(), StringComparison.Ordinal);
    }
}
