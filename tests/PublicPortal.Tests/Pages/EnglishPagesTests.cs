using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Pages;

/// <summary>
/// The English site under /en/: English pages in English with lang="en", a language switch that lands on the same
/// item, hreflang alternates only where a translation exists, untranslated items said so plainly, every UI string
/// translated in both languages, and English text that survives the content files.
/// </summary>
public sealed partial class EnglishPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> EnglishRoutes => new()
    {
        "/en", "/en/villages", "/en/sights", "/en/routes", "/en/programme", "/en/about", "/en/contact", "/en/compliance", "/en/accessibility",
        "/en/villages/gom-binh-duc", "/en/sights/thap-po-sah-inu", "/en/routes/mot-ngay-di-san-cham", "/en/programme/ke-hoach-3073",
        "/en/search", "/en/search?q=binh+duc+pottery", "/en/open-data", "/en/site-map",
        "/en/news", "/en/announcements", "/en/products", "/en/documents", "/en/news/le-don-bang-unesco-tai-lang-gom-binh-duc", "/en/documents/3073-kh-ubnd",
    };

    [Theory]
    [MemberData(nameof(EnglishRoutes))]
    public async Task Every_English_route_answers_in_English(string url)
    {
        var (response, body, page) = await Html.GetAsync(factory.CreateReader(), url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Skip to main content", page.QuerySelector(".skip-link")!.TextContent);
        Assert.Equal("Main navigation", page.QuerySelector("nav.site-nav")!.GetAttribute("aria-label"));
        Assert.Contains(("Craft villages", "/en/villages"), page.QuerySelectorAll("nav.site-nav a").Select(a => (a.TextContent, a.GetAttribute("href"))));
        Assert.Equal("Visitor statistics", page.QuerySelector("#footer-traffic")!.TextContent);
        var toVietnamese = page.QuerySelector("a.language-switch")!;
        Assert.Equal("Tiếng Việt", toVietnamese.TextContent);
        Assert.Equal("vi", toVietnamese.GetAttribute("lang"));
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
        // "Was this page useful?" in English, answered on the English form.
        Assert.Equal("/en/feedback", page.QuerySelector(".page-feedback form")!.GetAttribute("action"));
    }

    [Theory]
    [InlineData("/", "/en")]
    [InlineData("/lang-nghe", "/en/villages")]
    [InlineData("/tuyen-du-lich", "/en/routes")]
    [InlineData("/gioi-thieu", "/en/about")]
    [InlineData("/lien-he", "/en/contact")]
    [InlineData("/tuan-thu", "/en/compliance")]
    [InlineData("/tiep-can", "/en/accessibility")]
    [InlineData("/du-lieu-mo", "/en/open-data")]
    [InlineData("/so-do-trang", "/en/site-map")]
    [InlineData("/tin-tuc", "/en/news")]
    [InlineData("/san-pham", "/en/products")]
    [InlineData("/van-ban", "/en/documents")]
    public async Task The_switch_round_trips_and_both_pages_name_each_other_for_search_engines(string vietnamese, string english)
    {
        var client = factory.CreateReader();
        var (_, _, vi) = await Html.GetAsync(client, vietnamese);
        var toEnglish = vi.QuerySelector("a.language-switch")!;
        Assert.Equal(("English", english, "en"), (toEnglish.TextContent, toEnglish.GetAttribute("href"), toEnglish.GetAttribute("lang")));
        var (_, _, en) = await Html.GetAsync(client, english);
        Assert.Equal(vietnamese, en.QuerySelector("a.language-switch")!.GetAttribute("href"));

        foreach (var page in new[] { vi, en })
        {
            var alternates = page.QuerySelectorAll("link[rel=alternate][hreflang]").ToDictionary(l => l.GetAttribute("hreflang")!, l => new Uri(l.GetAttribute("href")!).AbsolutePath);
            Assert.Equal(vietnamese, alternates["vi"]);
            Assert.Equal(english, alternates["en"]);
            Assert.Equal(vietnamese, alternates["x-default"]);
        }
    }

    [Fact]
    public async Task A_translated_page_shows_its_English_text_dates_in_English_and_links_its_Vietnamese_version()
    {
        var (_, _, page) = await Html.GetAsync(factory.CreateReader(), "/en/about");
        Assert.Equal("About the portal", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal("About the portal – Bình Thuận craft villages", page.Title);
        Assert.Contains("three craft villages recognised by the Provincial People’s Committee", page.QuerySelector("main .prose")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(EnglishDate(), page.QuerySelector("main .meta time")!.TextContent);
        var vietnamese = page.QuerySelector("main .other-language a")!;
        Assert.Equal(("/gioi-thieu", "vi", "Giới thiệu"), (vietnamese.GetAttribute("href"), vietnamese.GetAttribute("lang"), vietnamese.TextContent));
        Assert.Null(page.QuerySelector("meta[name=robots]"));

        // The contact page carries the agency's details with English labels.
        var (_, _, contact) = await Html.GetAsync(factory.CreateReader(), "/en/contact");
        Assert.Equal("Contact details", contact.QuerySelector(".contact-card h2")!.TextContent);
        Assert.StartsWith("Phone: ", contact.QuerySelectorAll(".contact-card address p")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_untranslated_item_says_so_plainly_links_its_Vietnamese_page_and_is_kept_out_of_search_engines()
    {
        var untranslated = await UntranslatedAsync();
        var client = factory.CreateReader();
        var (response, _, page) = await Html.GetAsync(client, "/en/villages/" + untranslated.Slug);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var title = page.QuerySelector("main h1")!;
        Assert.Equal((untranslated.Title, "vi"), (title.TextContent, title.GetAttribute("lang")));
        var notice = page.QuerySelector("main .not-translated")!;
        Assert.StartsWith("This page has not been translated into English yet.", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal("/lang-nghe/" + untranslated.Slug, notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Empty(page.QuerySelectorAll("link[hreflang]"));
        Assert.Null(page.QuerySelector("main .prose")); // no half page: nothing of the Vietnamese body

        // Its Vietnamese page offers the same item in English, but does not announce a translation.
        var (_, _, vi) = await Html.GetAsync(client, "/lang-nghe/" + untranslated.Slug);
        Assert.Equal("/en/villages/" + untranslated.Slug, vi.QuerySelector("a.language-switch")!.GetAttribute("href"));
        Assert.Empty(vi.QuerySelectorAll("link[hreflang]"));

        // In the English list it is marked as Vietnamese only.
        var (_, _, list) = await Html.GetAsync(client, "/en/villages");
        var entry = list.QuerySelectorAll("ul.english-list li").Single(li => li.QuerySelector("a")!.GetAttribute("href") == "/en/villages/" + untranslated.Slug);
        Assert.Equal("vi", entry.QuerySelector("a")!.GetAttribute("lang"));
        Assert.Contains("in Vietnamese only", entry.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_seeded_village_sight_and_route_has_its_English_version_in_the_English_lists()
    {
        var client = factory.CreateReader();
        foreach (var section in new[] { "villages", "sights", "routes", "programme" })
        {
            var (_, _, list) = await Html.GetAsync(client, "/en/" + section);
            var entries = list.QuerySelectorAll("ul.english-list li");
            Assert.NotEmpty(entries);
            // Other tests of this class remove one village's English through the write path.
            Assert.All(entries.Where(li => li.QuerySelector("a")!.GetAttribute("href") != "/en/villages/" + Untranslated),
                li => Assert.False(li.QuerySelector("a")!.HasAttribute("lang"), li.TextContent));
        }
        // The plan in English: its nine targets and the four tasks of the Department of Industry and Trade.
        var (_, _, plan) = await Html.GetAsync(client, "/en/programme/ke-hoach-3073");
        var lists = plan.QuerySelectorAll("main .prose ol");
        Assert.Equal([9, 4], lists.Select(ol => ol.Children.Length));
        Assert.Equal("Workers’ average income rises to at least 1.5 times its 2020 level.", lists[0].Children[7].TextContent);
        Assert.Equal("/chuong-trinh/ke-hoach-3073", plan.QuerySelector("a.language-switch")!.GetAttribute("href"));
        // A name keeps its Vietnamese spelling, with an English gloss.
        var (_, _, village) = await Html.GetAsync(client, "/en/villages/gom-binh-duc");
        Assert.Equal("Làng gốm gọ Bình Đức (Bình Đức pottery village)", village.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task The_sitemap_lists_English_pages_where_they_exist_each_naming_its_other_language()
    {
        var untranslated = await UntranslatedAsync();
        var xml = XDocument.Parse(await factory.CreateReader().GetStringAsync("/sitemap.xml"));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        XNamespace xhtml = "http://www.w3.org/1999/xhtml";
        var urls = xml.Root!.Elements(sm + "url").ToDictionary(
            u => new Uri(u.Element(sm + "loc")!.Value).AbsolutePath,
            u => u.Elements(xhtml + "link").ToDictionary(l => l.Attribute("hreflang")!.Value, l => new Uri(l.Attribute("href")!.Value).AbsolutePath));
        foreach (var (vi, en) in new[] { ("/lang-nghe/gom-binh-duc", "/en/villages/gom-binh-duc"), ("/gioi-thieu", "/en/about"), ("/lang-nghe", "/en/villages"), ("/", "/en") })
        {
            foreach (var page in new[] { vi, en })
            {
                Assert.True(urls.ContainsKey(page), page + " is not in the sitemap");
                Assert.Equal((vi, en, vi), (urls[page]["vi"], urls[page]["en"], urls[page]["x-default"]));
            }
        }
        // An item without its English version: only its Vietnamese page, naming no alternate.
        Assert.DoesNotContain("/en/villages/" + untranslated.Slug, urls.Keys);
        Assert.Empty(urls["/lang-nghe/" + untranslated.Slug]);
        // A list is English wherever its items are not yet: /en/news lists them by their Vietnamese titles, marked so.
        Assert.Equal("/en/news", urls["/tin-tuc"]["en"]);
    }

    [Fact]
    public async Task The_English_feed_has_the_English_versions_only()
    {
        var untranslated = await UntranslatedAsync();
        var client = factory.CreateReader();
        var response = await client.GetAsync("/en/rss.xml");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var channel = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("channel")!;
        Assert.Equal("en", channel.Element("language")!.Value);
        var items = channel.Elements("item").Select(i => (Title: i.Element("title")!.Value, Link: new Uri(i.Element("link")!.Value).AbsolutePath)).ToList();
        Assert.Contains(("Làng gốm gọ Bình Đức (Bình Đức pottery village)", "/en/villages/gom-binh-duc"), items);
        Assert.All(items, i => Assert.StartsWith("/en/", i.Link, StringComparison.Ordinal));
        Assert.DoesNotContain(items, i => i.Link == "/en/villages/" + untranslated.Slug);
        var (_, _, page) = await Html.GetAsync(client, "/en");
        Assert.Equal("/en/rss.xml", page.QuerySelector("link[type='application/rss+xml']")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/en/villages/khong-co-lang-nay")]
    [InlineData("/en/khong-co-trang-nay")]
    [InlineData("/en/news/anything")]
    [InlineData("/en/events")]
    public async Task Unknown_English_addresses_answer_404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateReader().GetAsync(url)).StatusCode);

    [Fact]
    public async Task News_and_documents_are_listed_in_English_newest_first_with_English_dates_and_say_they_are_in_Vietnamese()
    {
        var client = factory.CreateReader();
        var (_, _, list) = await Html.GetAsync(client, "/en/news");
        Assert.Equal("News", list.QuerySelector("main h1")!.TextContent);
        var entries = list.QuerySelectorAll("ul.english-list li");
        Assert.NotEmpty(entries);
        var dates = entries.Select(li => DateTime.Parse(li.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.All(entries, li => Assert.Matches(@"^(\d{1,2} )?(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$|^\d{4}$", li.QuerySelector("time")!.TextContent));
        var first = entries[0].QuerySelector("a")!;
        Assert.Equal("vi", first.GetAttribute("lang"));
        Assert.Contains("in Vietnamese only", entries[0].TextContent, StringComparison.Ordinal);

        // The item says so plainly and leads to its Vietnamese page.
        var (response, _, item) = await Html.GetAsync(client, first.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/tin-tuc/" + first.GetAttribute("href")!.Split('/')[^1], item.QuerySelector("main .not-translated a")!.GetAttribute("href"));

        // Pages beyond the list are not pages; a page that is not a number is a bad request.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/en/news?page=99")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/en/news?page=abc")).StatusCode);

        // The English home lists a few of each section and the way to all of them.
        var (_, _, home) = await Html.GetAsync(client, "/en");
        Assert.All(home.QuerySelectorAll("main section ul.english-list"), ul => Assert.InRange(ul.Children.Length, 1, 6));
        Assert.NotNull(home.QuerySelector("main a[href='/en/news']"));
    }

    [Fact]
    public async Task The_English_site_map_links_every_English_page_and_the_footer_leads_to_it()
    {
        var client = factory.CreateReader();
        var (_, _, map) = await Html.GetAsync(client, "/en/site-map");
        Assert.Equal("Site map", map.QuerySelector("main h1")!.TextContent);
        var links = map.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToHashSet();
        foreach (var section in new[] { "villages", "sights", "routes", "programme" })
        {
            var (_, _, list) = await Html.GetAsync(client, "/en/" + section);
            var items = list.QuerySelectorAll("ul.english-list a").Select(a => a.GetAttribute("href")).ToList();
            Assert.NotEmpty(items);
            Assert.All(items.Append("/en/" + section), href => Assert.Contains(href, links));
        }
        Assert.Superset(new HashSet<string?> { "/en/about", "/en/contact", "/en/compliance", "/en/accessibility", "/en/open-data", "/en/search", "/en/rss.xml" }, links);
        Assert.Equal("Site map", map.QuerySelector("footer a[href='/en/site-map']")!.TextContent);
    }

    [Fact]
    public async Task A_missing_English_page_says_so_in_English_and_offers_English_search_and_sections()
    {
        var (response, body, page) = await Html.GetAsync(factory.CreateReader(), "/en/villages/gom-bau-truc");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Page not found", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal("Error 404", page.QuerySelector(".error-code")!.TextContent);
        var search = page.QuerySelector("main form.search-form")!;
        Assert.Equal(("/en/search", "gom bau truc"), (search.GetAttribute("action"), search.QuerySelector("input[name=q]")!.GetAttribute("value")));
        Assert.Contains(("Craft villages", "/en/villages"), page.QuerySelectorAll(".error-sections a").Select(a => (a.TextContent, a.GetAttribute("href"))));
        Assert.Equal("/", page.QuerySelector("a.language-switch")!.GetAttribute("href"));
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);

        // The Vietnamese site's missing pages stay Vietnamese.
        var (_, _, vietnamese) = await Html.GetAsync(factory.CreateReader(), "/lang-nghe/gom-bau-truc");
        Assert.Equal(("vi", "Không tìm thấy trang"), (vietnamese.DocumentElement.GetAttribute("lang"), vietnamese.QuerySelector("main h1")!.TextContent));
        Assert.Equal("/tim-kiem", vietnamese.QuerySelector("main form.search-form")!.GetAttribute("action"));
    }

    [Fact]
    public void Every_UI_string_a_page_uses_is_translated_in_both_languages()
    {
        var resources = Path.Combine(RepositoryPaths.Root, "src", "PublicPortal.Web", "Resources");
        Dictionary<string, string> Read(string language) => XDocument.Load(Path.Combine(resources, $"SharedResource.{language}.resx")).Root!
            .Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        var vi = Read("vi");
        var en = Read("en");
        var used = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => LocalizerKey().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(used);
        // Keys chosen in code: the menus' labels and the error pages' texts.
        used.AddRange(PublicPortal.Web.Features.Web.SiteNavigation.Vietnamese.Concat(PublicPortal.Web.Features.Web.SiteNavigation.English).Select(n => ("SiteNavigation", n.Key)));
        used.AddRange(PublicPortal.Web.Features.Web.EnglishSite.Sections.Select(section => ("EnglishSite", section.TitleKey)));
        used.AddRange(PublicPortal.Web.Pages.ErrorModel.Codes.Select(PublicPortal.Web.Pages.ErrorModel.KeysOf).SelectMany(k => new[] { ("ErrorModel", k.Heading), ("ErrorModel", k.Message) }));
        var missing = used.Where(u => !vi.ContainsKey(u.Key) || !en.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "untranslated: " + string.Join(", ", missing));
        Assert.Equal(vi.Keys.Order(), en.Keys.Order());
        Assert.All(vi.Concat(en), pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), pair.Key));
        // Vietnamese values are Vietnamese with diacritics where the English differs; no value is left as its key.
        Assert.All(vi, pair => Assert.NotEqual(pair.Key, pair.Value));
    }

    [Fact]
    public void English_text_survives_a_content_file_and_half_a_translation_is_refused()
    {
        const string File = "---\ntitle: Làng gốm\npublished: 2026-11-01T08:00:00+07:00\nenglish:\n  title: Pottery village\n  summary: A summary.\n  body: |\n    ## Heading\n\n    Text with **bold**.\n---\n\nNội dung.\n";
        var item = FrontMatter.Parse(File, ContentKind.News, "lang-gom");
        Assert.Equal(("Pottery village", "A summary.", "## Heading\n\nText with **bold**."), (item.TitleEn, item.SummaryEn, item.BodyEn));
        var again = FrontMatter.Parse(FrontMatter.Write(item), ContentKind.News, "lang-gom");
        Assert.Equal((item.TitleEn, item.SummaryEn, item.BodyEn), (again.TitleEn, again.SummaryEn, again.BodyEn));
        Assert.Contains("  body: |", FrontMatter.Write(item), StringComparison.Ordinal); // readable in the file

        var noTitle = Assert.Throws<ContentFormatException>(() => FrontMatter.Parse(File.Replace("  title: Pottery village\n", "", StringComparison.Ordinal), ContentKind.News, "lang-gom"));
        Assert.Contains("english.title is required", noTitle.Message, StringComparison.Ordinal);
        var onlyTitle = Assert.Throws<ContentFormatException>(() => FrontMatter.Parse(
            "---\ntitle: Làng gốm\npublished: 2026-11-01T08:00:00+07:00\nenglish:\n  title: Pottery village\n---\n\nNội dung.\n", ContentKind.News, "lang-gom"));
        Assert.Contains("summary or a body", onlyTitle.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A village whose English version an editor removed (through the write path): the seed translates every village,
    /// sight, route and the plan. The same village each time, so tests of this class may run in any order.
    /// </summary>
    private async Task<ContentItem> UntranslatedAsync()
    {
        ContentItem village = null!;
        await factory.WithDbAsync(async db => village = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.ContentItems.Where(x => x.Kind == ContentKind.Village && x.Slug == Untranslated)));
        if (village.TitleEn is null) return village;
        var outcome = await factory.EditAsync(village.Id, item =>
        {
            (item.TitleEn, item.SummaryEn, item.BodyEn) = (null, null, null);
            return item;
        });
        Assert.IsType<SaveOutcome.Saved>(outcome);
        (village.TitleEn, village.SummaryEn, village.BodyEn) = (null, null, null);
        return village;
    }

    private const string Untranslated = "muoi-tan-thuan";

    [GeneratedRegex(@"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$")]
    private static partial Regex EnglishDate();

    [GeneratedRegex(@"\bL\[""([^""]+)""\]")]
    private static partial Regex LocalizerKey();
}
