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
        // The Vietnamese-only parts are not offered on English pages until they have English versions.
        Assert.Null(page.QuerySelector(".page-feedback"));
    }

    [Theory]
    [InlineData("/", "/en")]
    [InlineData("/lang-nghe", "/en/villages")]
    [InlineData("/tuyen-du-lich", "/en/routes")]
    [InlineData("/gioi-thieu", "/en/about")]
    [InlineData("/lien-he", "/en/contact")]
    [InlineData("/tuan-thu", "/en/compliance")]
    [InlineData("/tiep-can", "/en/accessibility")]
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
        var untranslated = await UntranslatedVillageAsync();
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

    [Theory]
    [InlineData("/en/villages/khong-co-lang-nay")]
    [InlineData("/en/khong-co-trang-nay")]
    [InlineData("/en/news/anything")]
    [InlineData("/en/products")]
    public async Task Unknown_English_addresses_answer_404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateReader().GetAsync(url)).StatusCode);

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

    private async Task<ContentItem> UntranslatedVillageAsync()
    {
        ContentItem? found = null;
        await factory.WithDbAsync(async db => found = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.ContentItems.Where(x => x.Kind == ContentKind.Village && x.TitleEn == null && x.Status == ContentStatus.Published).OrderBy(x => x.Slug)));
        return found!;
    }

    [GeneratedRegex(@"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$")]
    private static partial Regex EnglishDate();

    [GeneratedRegex(@"\bL\[""([^""]+)""\]")]
    private static partial Regex LocalizerKey();
}
