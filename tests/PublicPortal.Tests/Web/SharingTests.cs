using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Sharing a page as a reader does it: plain links to Facebook and mail and the address to paste into Zalo (no
/// third-party script), and, for an item without a photo, a picture drawn by the server with its title and its craft's
/// pictogram, which Zalo and Facebook show with the link.
/// </summary>
public sealed class SharingTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _factory.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static readonly Rgba32 Brand = new(0x8a, 0x2d, 0x12);

    /// <summary>Pixels of the brand colour (within a little anti-aliasing) in a box of the picture.</summary>
    private static int BrandPixels(Image<Rgba32> image, Rectangle box)
    {
        var count = 0;
        for (var y = box.Top; y < box.Bottom; y++)
            for (var x = box.Left; x < box.Right; x++)
            {
                var p = image[x, y];
                if (Math.Abs(p.R - Brand.R) < 24 && Math.Abs(p.G - Brand.G) < 24 && Math.Abs(p.B - Brand.B) < 24) count++;
            }
        return count;
    }

    private static int DarkPixels(Image<Rgba32> image, Rectangle box)
    {
        var count = 0;
        for (var y = box.Top; y < box.Bottom; y++)
            for (var x = box.Left; x < box.Right; x++)
                if (image[x, y].R < 80 && image[x, y].G < 80) count++;
        return count;
    }

    [Fact]
    public async Task An_item_page_offers_plain_share_links_and_loads_no_script_from_another_site()
    {
        var (_, _, page) = await Html.GetAsync(_reader, "/lang-nghe/gom-binh-duc");
        var share = page.QuerySelector("aside.share");
        Assert.NotNull(share);
        var links = share!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Flocalhost%2Flang-nghe%2Fgom-binh-duc", links);
        var mail = Assert.Single(links, l => l.StartsWith("mailto:", StringComparison.Ordinal));
        Assert.Contains("subject=" + Uri.EscapeDataString(page.QuerySelector("h1")!.TextContent.Trim()), mail, StringComparison.Ordinal);
        Assert.Contains("http%3A%2F%2Flocalhost%2Flang-nghe%2Fgom-binh-duc", mail, StringComparison.Ordinal);
        Assert.Equal("http://localhost/lang-nghe/gom-binh-duc", share.QuerySelector("input#share-url")!.GetAttribute("value"));
        Assert.All(page.QuerySelectorAll("script[src]"), s => Assert.StartsWith("/", s.GetAttribute("src")!, StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.StartsWith("//", StringComparison.Ordinal));

        // A list is not an item: nothing to share there but the site.
        Assert.Null((await Html.GetAsync(_reader, "/lang-nghe")).Document.QuerySelector("aside.share"));
    }

    [Fact]
    public async Task An_item_without_a_photo_is_shared_with_a_drawn_picture_of_its_title_and_its_crafts_pictogram()
    {
        var (_, _, village) = await Html.GetAsync(_reader, "/lang-nghe/gom-binh-duc");
        Assert.Equal("http://localhost/anh-chia-se/lang-nghe/gom-binh-duc.png", village.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
        Assert.Equal("1200", village.QuerySelector("meta[property='og:image:width']")?.GetAttribute("content"));
        // The village page shows the pottery pictogram too.
        Assert.Contains(village.QuerySelectorAll("img.pictogram"), i => i.GetAttribute("src") == "/img/crafts/gom.svg" && i.GetAttribute("alt") == "");

        var response = await _reader.GetAsync("/anh-chia-se/lang-nghe/gom-binh-duc.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var before = await response.Content.ReadAsByteArrayAsync();
        using var picture = Image.Load<Rgba32>(before);
        Assert.Equal((1200, 630), (picture.Width, picture.Height));
        var pictogramBox = new Rectangle(828, 150, 300, 300);
        var titleBox = new Rectangle(72, 140, 700, 200);
        Assert.True(BrandPixels(picture, pictogramBox) > 2000, "the pottery pictogram is drawn on the right");
        Assert.True(DarkPixels(picture, titleBox) > 2000, "the title is written on the left");

        // A news article without a photo has no craft: the same picture without a pictogram.
        Assert.IsType<SaveOutcome.Saved>(await _factory.CreateAsync(new ContentItem
        {
            Kind = ContentKind.News, Slug = "tin-khong-anh", Title = "Tin không có ảnh", Summary = "Tóm tắt.", Body = "Nội dung.",
            Status = ContentStatus.Published, PublishedAtUtc = new DateTime(2026, 11, 27, 1, 0, 0, DateTimeKind.Utc),
        }));
        var newsPage = (await Html.GetAsync(_reader, "/tin-tuc/tin-khong-anh")).Document;
        Assert.Equal("http://localhost/anh-chia-se/tin-tuc/tin-khong-anh.png", newsPage.QuerySelector("meta[property='og:image']")!.GetAttribute("content"));
        using (var plain = Image.Load<Rgba32>(await _reader.GetByteArrayAsync("/anh-chia-se/tin-tuc/tin-khong-anh.png")))
        {
            Assert.True(BrandPixels(plain, pictogramBox) < 100, "no pictogram for an item without a craft");
            Assert.True(DarkPixels(plain, titleBox) > 1000, "the title is written");
        }
        // Village cards carry the pictogram too.
        Assert.Contains((await Html.GetAsync(_reader, "/lang-nghe")).Document.QuerySelectorAll(".card img.pictogram"), i => i.GetAttribute("src") == "/img/crafts/gom.svg");

        // Retitled, the picture is drawn again with the new title.
        var id = await FindIdAsync(ContentKind.Village, "gom-binh-duc");
        Assert.IsType<SaveOutcome.Saved>(await _factory.EditAsync(id, i => { i.Title = "Làng gốm Bình Đức (Ligok) — tên mới để thử ảnh chia sẻ dài hơn hẳn tên cũ"; return i; }));
        var after = await _reader.GetByteArrayAsync("/anh-chia-se/lang-nghe/gom-binh-duc.png");
        Assert.NotEqual(before, after);

        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/anh-chia-se/lang-nghe/khong-co-lang-nay.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/anh-chia-se/khong-co-muc/gom-binh-duc.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/anh-chia-se/lang-nghe/..%2F..%2Fetc.png")).StatusCode);
    }

    private async Task<int> FindIdAsync(ContentKind kind, string slug)
    {
        var id = 0;
        await _factory.WithDbAsync(async db => id = await db.ContentItems.Where(x => x.Kind == kind && x.Slug == slug).Select(x => x.Id).SingleAsync());
        return id;
    }

    [Fact]
    public async Task The_village_list_filters_by_the_commune_a_village_is_in_since_July_2025()
    {
        var (_, _, page) = await Html.GetAsync(_reader, "/lang-nghe");
        var option = page.QuerySelectorAll("select#xa-moi option").FirstOrDefault(o => o.GetAttribute("value") == "xa-bac-binh");
        Assert.NotNull(option);
        Assert.Contains("Xã Bắc Bình (tên chưa xác nhận) (3)", option!.TextContent, StringComparison.Ordinal);

        var (response, _, filtered) = await Html.GetAsync(_reader, "/lang-nghe?xa-moi=xa-bac-binh");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var found = filtered.QuerySelectorAll("ul.cards h3 a").Select(a => a.GetAttribute("href")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/lang-nghe/banh-trang-cho-lau", "/lang-nghe/det-tho-cam-phan-hoa", "/lang-nghe/gom-binh-duc"], found);
        Assert.Equal("xa-bac-binh", filtered.QuerySelector("select#xa-moi option[selected]")!.GetAttribute("value"));

        // Open data takes the same filter; an unknown commune is said to be ignored, never an error.
        var rows = System.Text.Json.JsonDocument.Parse(await _reader.GetStringAsync("/api/villages?xa-moi=xa-bac-binh")).RootElement;
        Assert.Equal(3, rows.GetArrayLength());
        var (unknown, _, ignored) = await Html.GetAsync(_reader, "/lang-nghe?xa-moi=xa-khong-co");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("xa-moi", ignored.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }
}
