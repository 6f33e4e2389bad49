using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Content;
using SixLabors.ImageSharp;

namespace PublicPortal.Tests.Media;

/// <summary>
/// Images in content: imported through the library from content/media/, shown as responsive &lt;picture&gt; elements with
/// width, height and lazy loading, shared with an Open Graph image, and never shown without alt text.
/// </summary>
public sealed class MediaUseTests : IDisposable
{
    private readonly string _content = RepositoryPaths.NewTempDirectory("portal-media-content");

    public void Dispose() => RepositoryPaths.DeleteQuietly(_content);

    private static byte[] Jpeg(int width, int height, bool gps = false) => TestImages.Jpeg(width, height, gps);

    private void SeedWithPhotos()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Content, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_content, Path.GetRelativePath(RepositoryPaths.Content, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Directory.CreateDirectory(Path.Combine(_content, "media", "photos"));
        File.WriteAllBytes(Path.Combine(_content, "media", "photos", "lo-nung.jpg"), Jpeg(700, 350, gps: true));
        File.WriteAllBytes(Path.Combine(_content, "media", "photos", "nghe-nhan.jpg"), Jpeg(1200, 900));
        File.WriteAllBytes(Path.Combine(_content, "media", "photos", "le-don-bang.jpg"), Jpeg(2000, 1000));

        var village = Path.Combine(_content, "villages", "gom-binh-duc.md");
        File.WriteAllText(village, File.ReadAllText(village).Replace("\nsources:", """

            photos:
              - path: "media/photos/lo-nung.jpg"
                alt: "Lò nung gốm ngoài trời"
                caption: "Ảnh thử nghiệm"
              - path: "media/photos/nghe-nhan.jpg"
                alt: "Nghệ nhân nặn gốm"
            sources:
            """.Replace("\r", ""), StringComparison.Ordinal));
        var news = Path.Combine(_content, "news", "le-don-bang-unesco-tai-lang-gom-binh-duc.md");
        File.WriteAllText(news, File.ReadAllText(news).Replace("\nsources:", "\ncover: \"media/photos/le-don-bang.jpg\"\ncover_alt: \"Lễ đón bằng ở thôn Bình Đức\"\nsources:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_images_are_imported_cleaned_and_shown_as_responsive_pictures()
    {
        SeedWithPhotos();
        // The seed content plus photos: a 700 px wide one with GPS on the village, a 2000 px wide cover on a news item.
        await using var factory = new PortalFactory { Seeded = false, Settings = { ["Portal:ContentDirectory"] = _content } };
        var reader = factory.CreateReader();

        var (response, _, village) = await Html.GetAsync(reader, "/lang-nghe/gom-binh-duc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pictures = village.QuerySelectorAll(".gallery picture").ToList();
        Assert.Equal(2, pictures.Count);

        // 700 px wide: 320 and 640, then the 1024 preset at its own 700 px — never a width it does not have.
        var first = pictures[0].QuerySelector("img")!;
        var hash = System.Text.RegularExpressions.Regex.Match(first.GetAttribute("src")!, "/anh/([0-9a-f]{16})-").Groups[1].Value;
        Assert.Equal($"/anh/{hash}-320.webp 320w, /anh/{hash}-640.webp 640w, /anh/{hash}-1024.webp 700w", pictures[0].QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"));
        Assert.Equal($"/anh/{hash}-1024.jpg", first.GetAttribute("src"));
        Assert.Equal(("700", "350"), (first.GetAttribute("width"), first.GetAttribute("height")));
        Assert.Equal("Lò nung gốm ngoài trời", first.GetAttribute("alt"));
        Assert.NotNull(first.GetAttribute("sizes"));
        Assert.Null(first.GetAttribute("loading")); // the first picture is likely in view
        Assert.Equal("lazy", pictures[1].QuerySelector("img")!.GetAttribute("loading"));
        Assert.Equal("Ảnh thử nghiệm", village.QuerySelector(".gallery figcaption")!.TextContent);

        var largest = await reader.GetAsync($"/anh/{hash}-1024.jpg");
        Assert.Equal(HttpStatusCode.OK, largest.StatusCode);
        var served = Image.Identify(await largest.Content.ReadAsByteArrayAsync());
        Assert.Equal(700, served.Width); // not upscaled
        Assert.Null(served.Metadata.ExifProfile);

        // The original entered the library re-encoded, without its GPS; the raw file was not copied where /media serves it.
        await factory.WithDbAsync(async db =>
        {
            var asset = await db.MediaAssets.SingleAsync(a => a.Hash == hash);
            Assert.Equal(("lo-nung.jpg", "Lò nung gốm ngoài trời"), (asset.OriginalName, asset.Alt));
            Assert.Null(Image.Identify(Path.Combine(factory.DataDirectory, "media", "library", $"{hash}.jpg")).Metadata.ExifProfile);
            var item = await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Village && x.Slug == "gom-binh-duc");
            Assert.Equal($"media/library/{hash}.jpg", item.Photos[0].Path);
        });
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/media/photos/lo-nung.jpg")).StatusCode);

        // The news cover, and the picture a shared link shows.
        var (_, newsHtml, news) = await Html.GetAsync(reader, "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc");
        var cover = news.QuerySelector(".cover picture img")!;
        Assert.Equal(("1024", "512"), (cover.GetAttribute("width"), cover.GetAttribute("height")));
        Assert.Contains("1600w", news.QuerySelector(".cover picture source")!.GetAttribute("srcset"), StringComparison.Ordinal);
        var ogImage = news.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;
        Assert.Matches("^http://localhost/anh/[0-9a-f]{16}-1024\\.jpg$", ogImage);
        Assert.Equal("1024", news.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"));
        Assert.Equal("Lễ đón bằng ở thôn Bình Đức", news.QuerySelector("meta[property='og:image:alt']")!.GetAttribute("content"));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(ogImage).AbsolutePath)).StatusCode);
        Assert.DoesNotContain("&#x", newsHtml, StringComparison.Ordinal); // alt and og text keep their Vietnamese letters

        // Pictures, their sources and the Open Graph tags are valid HTML; so is the editor's image picker.
        var editor = await PublicPortal.Tests.Admin.StaffClient.SignedInAsync(factory, "anh-vnu@example.vn", PortalRoles.Editor);
        await PublicPortal.Tests.Pages.HtmlValidityTests.CheckAsync(editor, ["/lang-nghe/gom-binh-duc", "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc", "/quan-tri/noi-dung/sua?loai=news"]);

        // Export and import again: the items point at the library's files, the export carries them, nothing is added twice.
        var export = Path.Combine(_content, "..", Path.GetFileName(_content) + "-export");
        try
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var transfer = scope.ServiceProvider.GetRequiredService<ContentTransfer>();
                await transfer.ExportAsync(export);
                Assert.Contains($"media/library/{hash}.jpg", await File.ReadAllTextAsync(Path.Combine(export, "villages", "gom-binh-duc.md")), StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(export, "media", "library", $"{hash}.jpg")));
                Assert.False(Directory.Exists(Path.Combine(export, "media", "renditions")));
                await transfer.ImportAsync(export);
            }
            await factory.WithDbAsync(async db => Assert.Equal(3, await db.MediaAssets.CountAsync()));
        }
        finally
        {
            RepositoryPaths.DeleteQuietly(export);
        }
    }

    [Fact]
    public async Task An_import_with_a_hostile_image_is_refused_whole()
    {
        SeedWithPhotos();
        File.WriteAllText(Path.Combine(_content, "media", "photos", "nghe-nhan.jpg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        await using var factory = new PortalFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var transfer = scope.ServiceProvider.GetRequiredService<ContentTransfer>();

        var refused = await Assert.ThrowsAsync<ContentImportException>(() => transfer.ImportAsync(_content));

        Assert.Contains(refused.Problems, p => p.StartsWith("villages/gom-binh-duc.md: the image 'media/photos/nghe-nhan.jpg' was refused: Chỉ nhận ảnh", StringComparison.Ordinal));
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.MediaAssets.CountAsync()); // not even the good images
            Assert.Empty((await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Village && x.Slug == "gom-binh-duc")).Photos);
        });
    }

    [Fact]
    public async Task The_editor_refuses_images_without_a_description_and_renders_text_images_responsively()
    {
        await using var factory = new PortalFactory();
        MediaAsset asset = null!;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var library = scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Media.MediaLibrary>();
            asset = (await library.AddAsync(Jpeg(1600, 1200), "cho-gom.jpg", "test")).Asset!;
        }

        async Task<SaveOutcome> SaveAsync(string body, string? photoAlt)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var editor = scope.ServiceProvider.GetRequiredService<ContentWriter>();
            var item = new ContentItem
            {
                Kind = ContentKind.News, Slug = "cho-gom", Title = "Chợ gốm", Body = body, Status = ContentStatus.Published,
                PublishedAtUtc = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
                Photos = [new Photo { Path = $"media/library/{asset.Hash}.jpg", Alt = photoAlt ?? "" }],
            };
            var existing = 0;
            await factory.WithDbAsync(async db => existing = await db.ContentItems.Where(x => x.Slug == "cho-gom").Select(x => x.Version).SingleOrDefaultAsync());
            return await editor.SaveAsync(item, null, existing, "bien-tap@example.vn");
        }

        // No alt anywhere: neither in the item nor in the library.
        var invalid = Assert.IsType<SaveOutcome.Invalid>(await SaveAsync($"Ảnh chợ:\n\n![](/anh/{asset.Hash}-1024.jpg)", null));
        Assert.Contains("chưa có mô tả (alt)", invalid.Errors["Extra"], StringComparison.Ordinal);
        Assert.Contains("chưa có mô tả", invalid.Errors["Body"], StringComparison.Ordinal);
        var unknown = Assert.IsType<SaveOutcome.Invalid>(await SaveAsync("![Ảnh lạ](/anh/0123456789abcdef-640.jpg)", "Chợ gốm"));
        Assert.Contains("không có trong thư viện ảnh", unknown.Errors["Body"], StringComparison.Ordinal);

        Assert.IsType<SaveOutcome.Saved>(await SaveAsync($"Ảnh chợ:\n\n![Quầy gốm ở chợ](/anh/{asset.Hash}-1024.jpg)", "Chợ gốm"));
        var (_, _, page) = await Html.GetAsync(factory.CreateReader(), "/tin-tuc/cho-gom");
        var img = page.QuerySelector(".prose picture img")!;
        Assert.Equal(("Quầy gốm ở chợ", "1024", "768", "lazy"), (img.GetAttribute("alt"), img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("loading")));
        Assert.Contains($"/anh/{asset.Hash}-1600.webp 1600w", page.QuerySelector(".prose picture source[type='image/webp']")!.GetAttribute("srcset"), StringComparison.Ordinal);
    }
}
