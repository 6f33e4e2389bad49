using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Media;
using SixLabors.ImageSharp;

namespace PublicPortal.Tests.Media;

/// <summary>The media library as editors use it, and the image URLs as readers' browsers fetch them.</summary>
public sealed class MediaLibraryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static byte[] Photo(int width, int height) => TestImages.Jpeg(width, height, gps: true);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, params (byte[] Content, string Name)[] files)
    {
        var (_, _, page) = await Html.GetAsync(client, "/quan-tri/thu-vien-anh");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        foreach (var (content, name) in files) form.Add(new ByteArrayContent(content), "files", name);
        return await client.PostAsync("/quan-tri/thu-vien-anh?handler=Upload", form);
    }

    [Fact]
    public async Task Upload_several_serve_fixed_widths_describe_and_delete_only_when_unused()
    {
        var editor = await StaffClient.SignedInAsync(factory, "anh@example.vn", PortalRoles.Editor);
        var response = await UploadAsync(editor,
            (Photo(1200, 800), "../../DSC_0042.JPG"),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "logo.jpg"));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var outcomes = page.QuerySelectorAll(".upload-outcomes li").Select(li => li.TextContent).ToList();
        Assert.Equal("DSC_0042.JPG: đã nhận", outcomes[0]);
        Assert.StartsWith("logo.jpg: không nhận — Chỉ nhận ảnh", outcomes[1], StringComparison.Ordinal);

        MediaAsset asset = null!;
        await factory.WithDbAsync(async db => asset = await db.MediaAssets.SingleAsync());
        Assert.Equal(("DSC_0042.JPG", 1200, 800), (asset.OriginalName, asset.Width, asset.Height));
        var stored = Path.Combine(factory.DataDirectory, "media", "library", $"{asset.Hash}.jpg");
        Assert.Null(Image.Identify(await File.ReadAllBytesAsync(stored)).Metadata.ExifProfile);

        var reader = factory.CreateReader();
        var webp = await reader.GetAsync($"/anh/{asset.Hash}-640.webp");
        Assert.Equal(HttpStatusCode.OK, webp.StatusCode);
        Assert.Equal("image/webp", webp.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", webp.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(640, Image.Identify(await webp.Content.ReadAsByteArrayAsync()).Width);
        var jpeg = await reader.GetAsync($"/anh/{asset.Hash}-1600.jpg");
        Assert.Equal(1200, Image.Identify(await jpeg.Content.ReadAsByteArrayAsync()).Width); // never upscaled
        foreach (var refused in new[] { $"/anh/{asset.Hash}-500.webp", $"/anh/{asset.Hash}-640.png", "/anh/0000000000000000-640.webp", "/anh/..%2F..%2Fportal.db" })
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(refused)).StatusCode);

        // Without alt text the image is flagged as not usable on public pages; described, it is.
        Assert.NotNull(page.QuerySelector(".media-grid .field-error"));
        var described = await StaffClient.PostFormAsync(editor, "/quan-tri/thu-vien-anh?handler=Describe",
            new() { ["id"] = asset.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["alt"] = "Nghệ nhân nặn gốm ở Bình Đức", ["caption"] = "Ảnh thử" }, "/quan-tri/thu-vien-anh");
        Assert.Null(Html.Parse(await described.Content.ReadAsStringAsync()).QuerySelector(".media-grid .field-error"));

        // Used in an article's text: deleting is refused and names the article.
        await factory.WithDbAsync(async db =>
        {
            var news = await db.ContentItems.FirstAsync(x => x.Kind == ContentKind.News);
            news.Body += $"\n\n![Nghệ nhân](/anh/{asset.Hash}-1024.jpg)";
            await db.SaveChangesAsync();
        });
        var refusedDelete = await StaffClient.PostFormAsync(editor, "/quan-tri/thu-vien-anh?handler=Delete", new() { ["id"] = asset.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/quan-tri/thu-vien-anh");
        Assert.Contains("Chưa thể xóa", await refusedDelete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(stored));

        await factory.WithDbAsync(async db =>
        {
            var news = await db.ContentItems.FirstAsync(x => x.Body.Contains(asset.Hash));
            news.Body = news.Body.Replace($"\n\n![Nghệ nhân](/anh/{asset.Hash}-1024.jpg)", "", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        });
        var deleted = await StaffClient.PostFormAsync(editor, "/quan-tri/thu-vien-anh?handler=Delete", new() { ["id"] = asset.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/quan-tri/thu-vien-anh");
        Assert.Contains("Đã xóa", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(stored));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "media", "renditions"), asset.Hash + "-*"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/anh/{asset.Hash}-320.webp")).StatusCode);
    }

    // U+202E makes "anh-‮gpj.exe" read as "anh-exe.jpg"; the isolates and marks can reorder a name or an alt text the same way.
    [Theory]
    [InlineData("anh-\u202Egpj.exe", "anh-gpj.exe")]
    [InlineData("\u202A\u202B\u202C\u202D\u202Ehoa-van.jpg", "hoa-van.jpg")]
    [InlineData("\u2066gom\u2067 \u2068Bình Đức\u2069.png", "gom Bình Đức.png")]
    [InlineData("\u200Eanh\u200F\u061C.webp", "anh.webp")]
    [InlineData("../\u202E/../x.gif", "x.gif")]
    [InlineData("\u202E", "anh")]
    public void Bidirectional_controls_are_removed_from_file_names(string uploaded, string shown) =>
        Assert.Equal(shown, MediaLibrary.DisplayName(uploaded));

    [Fact]
    public async Task Names_alt_text_and_captions_are_stored_without_bidirectional_controls()
    {
        var editor = await StaffClient.SignedInAsync(factory, "hai-chieu@example.vn", PortalRoles.Editor);
        var response = await UploadAsync(editor, (TestImages.Jpeg(90, 60), "le-hoi-\u202Egpj.exe.jpg"));
        var outcome = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".upload-outcomes li")!.TextContent;
        Assert.Equal("le-hoi-gpj.exe.jpg: đã nhận", outcome);

        MediaAsset asset = null!;
        await factory.WithDbAsync(async db => asset = await db.MediaAssets.SingleAsync(a => a.UploadedBy == "hai-chieu@example.vn"));
        Assert.Equal("le-hoi-gpj.exe.jpg", asset.OriginalName);
        await StaffClient.PostFormAsync(editor, "/quan-tri/thu-vien-anh?handler=Describe",
            new() { ["id"] = asset.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["alt"] = "\u202ELễ hội\u2069 Katê", ["caption"] = "Ảnh\u200F của\u061C tỉnh\u2066" }, "/quan-tri/thu-vien-anh");
        await factory.WithDbAsync(async db => asset = await db.MediaAssets.SingleAsync(a => a.Id == asset.Id));
        Assert.Equal(("Lễ hội Katê", "Ảnh của tỉnh"), (asset.Alt, asset.Caption));
    }
}
