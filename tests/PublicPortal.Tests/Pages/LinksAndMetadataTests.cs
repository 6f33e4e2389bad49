using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Tests.Pages;

/// <summary>The addresses SiteLinks builds are the ones the pages answer, and every page describes itself once in its head.</summary>
public sealed class LinksAndMetadataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Kinds shown only inside other pages (a village's locality and craft) have no page of their own.</summary>
    private static readonly ContentKind[] KindsWithoutPages = [ContentKind.Locality, ContentKind.Craft];

    [Fact]
    public async Task Every_kind_links_to_item_and_list_pages_that_answer()
    {
        var client = factory.CreateReader();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        foreach (var info in ContentKinds.All.Where(k => !KindsWithoutPages.Contains(k.Kind)))
        {
            ContentItem? item = null;
            await factory.WithDbAsync(async db => item = await db.ContentItems.AsNoTracking().Visible(info.Kind, now).OrderBy(x => x.Id).FirstOrDefaultAsync());
            if (item is null) Assert.Fail($"the seed has no visible {info.Kind}");
            Assert.Equal(ContentKinds.UrlOf(item.Kind, item.Slug), SiteLinks.Item(item));
            await AssertOkAsync(client, SiteLinks.Item(item));
            await AssertOkAsync(client, SiteLinks.Item(info.Kind, item.Slug));
            if (info.Kind == ContentKind.Page) Assert.Throws<ArgumentException>(() => SiteLinks.List(info.Kind));
            else await AssertOkAsync(client, SiteLinks.List(info.Kind));
        }
        foreach (var kind in KindsWithoutPages) Assert.Throws<ArgumentException>(() => SiteLinks.List(kind));
    }

    [Fact]
    public async Task Named_pages_and_downloads_answer()
    {
        var client = factory.CreateReader();
        string[] fixedPages =
        [
            SiteLinks.Home, SiteLinks.Search, SiteLinks.SearchFor("gốm"), SiteLinks.OpenData, SiteLinks.TrafficNotes, SiteLinks.Rss, SiteLinks.Sitemap,
            SiteLinks.About, SiteLinks.Contact, SiteLinks.Compliance, SiteLinks.Accessibility, SiteLinks.SiteMapPage, SiteLinks.SignIn, SiteLinks.ListPage(ContentKind.News, 2),
            SiteLinks.PlanProgress("ke-hoach-3073"), SiteLinks.DocumentFile("801-qd-ttg"), SiteLinks.ProductEnquiry("gom-cham-son-hoa"),
            SiteLinks.RouteGpx("mot-ngay-di-san-cham"), SiteLinks.RouteGeoJson("mot-ngay-di-san-cham"),
            SiteLinks.Api.Villages, SiteLinks.Api.Products, SiteLinks.Api.Sights, SiteLinks.Api.Routes, SiteLinks.Api.Map, SiteLinks.Api.PlanProgress("ke-hoach-3073"),
        ];
        foreach (var url in fixedPages) await AssertOkAsync(client, url);
        Assert.Equal("/tim-kiem?q=g%E1%BB%91m", SiteLinks.SearchFor("gốm"));
        Assert.Equal(SiteLinks.List(ContentKind.News), SiteLinks.ListPage(ContentKind.News, 1));
    }

    [Fact]
    public async Task Admin_links_answer_for_staff()
    {
        var plan = 0;
        await factory.WithDbAsync(async db => plan = await db.ContentItems.Where(x => x.Kind == ContentKind.Plan).Select(x => x.Id).FirstAsync());
        var client = await Admin.StaffClient.SignedInAsync(factory, "links@example.vn", PortalRoles.Admin);
        string[] adminPages =
        [
            SiteLinks.Admin.Home, SiteLinks.Admin.Content, SiteLinks.Admin.Media, SiteLinks.Admin.Enquiries, SiteLinks.Admin.Analytics, SiteLinks.Admin.Users,
            SiteLinks.Admin.Audit, SiteLinks.Admin.Backup, SiteLinks.Admin.Password, SiteLinks.Admin.TwoFactor, SiteLinks.Admin.Create("news"),
            SiteLinks.Admin.Edit(1), SiteLinks.Admin.History(1), SiteLinks.Admin.Preview(1), SiteLinks.Admin.Delete(1), SiteLinks.Admin.Figures(plan),
        ];
        foreach (var url in adminPages) await AssertOkAsync(client, url);
    }

    public static TheoryData<string, string> IndexablePages => new()
    {
        { "/", "/" }, { "/tin-tuc", "/tin-tuc" }, { "/tin-tuc?page=2", "/tin-tuc?page=2" }, { "/tin-tuc/ke-hoach-3073-chin-muc-tieu-bao-ton-lang-nghe?other=1", "/tin-tuc/ke-hoach-3073-chin-muc-tieu-bao-ton-lang-nghe" },
        { "/thong-bao", "/thong-bao" }, { "/thong-bao/moi-cap-nhat-thong-tin-lang-nghe", "/thong-bao/moi-cap-nhat-thong-tin-lang-nghe" },
        { "/chuong-trinh", "/chuong-trinh" }, { "/chuong-trinh/ke-hoach-3073", "/chuong-trinh/ke-hoach-3073" }, { "/chuong-trinh/ke-hoach-3073/tien-do", "/chuong-trinh/ke-hoach-3073/tien-do" },
        { "/van-ban?q=gom", "/van-ban" }, { "/van-ban/801-qd-ttg", "/van-ban/801-qd-ttg" }, { "/gioi-thieu", "/gioi-thieu" }, { "/lien-he", "/lien-he" },
        { "/lang-nghe?ocop=1", "/lang-nghe" }, { "/lang-nghe/gom-binh-duc", "/lang-nghe/gom-binh-duc" }, { "/san-pham", "/san-pham" },
        { "/san-pham/rong-nho-tuoi-hai-nam-okinawa", "/san-pham/rong-nho-tuoi-hai-nam-okinawa" }, { "/diem-den", "/diem-den" }, { "/diem-den/thap-po-sah-inu", "/diem-den/thap-po-sah-inu" },
        { "/tuyen-du-lich", "/tuyen-du-lich" }, { "/tuyen-du-lich/mot-ngay-di-san-cham", "/tuyen-du-lich/mot-ngay-di-san-cham" }, { "/du-lieu-mo", "/du-lieu-mo" }, { "/so-lieu-truy-cap", "/so-lieu-truy-cap" },
    };

    [Theory]
    [MemberData(nameof(IndexablePages))]
    public async Task Every_public_page_has_one_title_description_and_canonical(string url, string canonical)
    {
        var (response, _, document) = await Html.GetAsync(factory.CreateReader(), url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var head = document.Head!;
        var title = Assert.Single(head.QuerySelectorAll("title"));
        Assert.EndsWith(PageMetadata.SiteName, title.TextContent, StringComparison.Ordinal);
        var description = Assert.Single(head.QuerySelectorAll("meta[name=description]"));
        Assert.False(string.IsNullOrWhiteSpace(description.GetAttribute("content")));
        var link = Assert.Single(head.QuerySelectorAll("link[rel=canonical]"));
        Assert.Equal("http://localhost" + canonical, link.GetAttribute("href"));
        Assert.Empty(head.QuerySelectorAll("meta[name=robots]"));
    }

    [Theory]
    [InlineData("/tim-kiem?q=gom")]
    [InlineData("/dang-nhap")]
    [InlineData("/san-pham/gom-cham-son-hoa/hoi-mua")]
    [InlineData("/khong-co-trang-nay")]
    public async Task Pages_kept_out_of_search_engines_say_so_and_name_no_canonical(string url)
    {
        var (_, _, document) = await Html.GetAsync(factory.CreateReader(), url);
        var head = document.Head!;
        Assert.Single(head.QuerySelectorAll("title"));
        Assert.Single(head.QuerySelectorAll("meta[name=description]"));
        Assert.Equal("noindex", Assert.Single(head.QuerySelectorAll("meta[name=robots]")).GetAttribute("content"));
        Assert.Empty(head.QuerySelectorAll("link[rel=canonical]"));
    }

    private static async Task AssertOkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
    }
}
