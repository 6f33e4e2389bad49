using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Media;

/// <summary>
/// The media library's upload form has a body limit of 20 files × 15 MB: past it, or past 20 files, the editor gets
/// 413 and the limits in Vietnamese, never a 500; a file over 15 MB inside the limit is refused on its own.
/// </summary>
public sealed class MediaUploadLimitTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Page = "/quan-tri/thu-vien-anh";
    private const string Limits = "Mỗi lần gửi được tối đa 20 tệp, mỗi tệp tối đa 15 MB";

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var (_, _, page) = await Html.GetAsync(client, Page);
        return page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    /// <summary>A multipart upload written as it is sent (nothing held in memory): files of zero bytes after a JPEG's first bytes.</summary>
    private sealed class GeneratedUpload : HttpContent
    {
        private const string Boundary = "portal-test-boundary";
        private readonly string _token;
        private readonly int _files;
        private readonly long _bytesPerFile;
        private readonly bool _announceLength;

        public GeneratedUpload(string token, int files, long bytesPerFile, bool announceLength)
        {
            (_token, _files, _bytesPerFile, _announceLength) = (token, files, bytesPerFile, announceLength);
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        private string TokenPart => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{_token}\r\n";
        private static string FileHeader(int i) => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"anh-{i}.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
        private const string End = $"--{Boundary}--\r\n";

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var zeros = new byte[256 * 1024];
            await stream.WriteAsync(Encoding.ASCII.GetBytes(TokenPart));
            for (var i = 0; i < _files; i++)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(FileHeader(i)));
                for (var left = _bytesPerFile; left > 0; left -= zeros.Length) await stream.WriteAsync(zeros.AsMemory(0, (int)Math.Min(left, zeros.Length)));
                await stream.WriteAsync("\r\n"u8.ToArray());
            }
            await stream.WriteAsync(Encoding.ASCII.GetBytes(End));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = Encoding.ASCII.GetByteCount(TokenPart) + Encoding.ASCII.GetByteCount(End)
                + Enumerable.Range(0, _files).Sum(i => Encoding.ASCII.GetByteCount(FileHeader(i)) + _bytesPerFile + 2);
            return _announceLength;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // chunked: the limit is only found while reading
    public async Task An_upload_over_20_files_of_15_MB_is_refused_with_413_and_the_limits(bool announceLength)
    {
        var email = $"gioi-han-{announceLength}@example.vn".ToLowerInvariant();
        var editor = await StaffClient.SignedInAsync(factory, email, PortalRoles.Editor);
        using var response = await editor.PostAsync(Page + "?handler=Upload", new GeneratedUpload(await TokenAsync(editor), 21, 15 * 1024 * 1024, announceLength));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Tệp hoặc nội dung quá lớn", body, StringComparison.Ordinal);
        Assert.Contains(Limits, body, StringComparison.Ordinal);
        await factory.WithDbAsync(async db => Assert.False(await db.MediaAssets.AnyAsync(a => a.UploadedBy == email)));
    }

    [Fact]
    public async Task More_than_20_files_at_once_are_refused_with_413_and_the_limits()
    {
        var editor = await StaffClient.SignedInAsync(factory, "hai-muoi-mot@example.vn", PortalRoles.Editor);
        var form = new MultipartFormDataContent { { new StringContent(await TokenAsync(editor)), "__RequestVerificationToken" } };
        for (var i = 0; i < 21; i++) form.Add(new ByteArrayContent(TestImages.Jpeg(8 + i, 8)), "files", $"anh-{i}.jpg");

        using var response = await editor.PostAsync(Page + "?handler=Upload", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Đã chọn 21 tệp.", body, StringComparison.Ordinal);
        Assert.Contains(Limits, body, StringComparison.Ordinal);
        await factory.WithDbAsync(async db => Assert.False(await db.MediaAssets.AnyAsync(a => a.UploadedBy == "hai-muoi-mot@example.vn")));
    }

    [Fact]
    public async Task A_file_over_15_MB_is_refused_on_its_own_and_the_others_are_kept()
    {
        var editor = await StaffClient.SignedInAsync(factory, "mot-tep-lon@example.vn", PortalRoles.Editor);
        var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(editor)), "__RequestVerificationToken" },
            { new ByteArrayContent([.. TestImages.Jpeg(40, 30), .. new byte[16 * 1024 * 1024]]), "files", "qua-lon.jpg" },
            { new ByteArrayContent(TestImages.Jpeg(41, 30)), "files", "vua.jpg" },
        };

        using var response = await editor.PostAsync(Page + "?handler=Upload", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".upload-outcomes li").Select(li => li.TextContent).ToList();
        Assert.Equal(["qua-lon.jpg: không nhận — Ảnh lớn hơn 15 MB.", "vua.jpg: đã nhận"], outcomes);
    }
}
