using System.Text;
using PublicPortal.Web.Features.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PublicPortal.Tests.Media;

/// <summary>Hostile and broken files, generated here, are refused with a Vietnamese reason; good photos lose their metadata.</summary>
public sealed class ImageIntakeTests
{
    private static byte[] Jpeg(int width, int height, Action<Image>? change = null)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(180, 90, 40));
        change?.Invoke(image);
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    // The theory data is only names: xunit serialises theory data to the runner, and a 16 MB array made discovery crawl.
    public static TheoryData<string, string> Hostile() => new()
    {
        { "PNG header declaring 100000×100000", "quá lớn" },
        { "PNG header declaring 65535×65535", "Ảnh quá lớn (65535×65535 điểm ảnh)" },
        { "PNG with a chunk longer than the file", "hỏng" },
        { "PNG cut off before IEND", "hỏng" },
        { "PNG with an unknown critical chunk", "hỏng" },
        { "PNG without IHDR first", "hỏng" },
        { "GIF with 10,000 frames", "quá nhiều khung hình" },
        { "GIF: 6000×6000 logical screen, 200 frames of 1×1", "Ảnh động quá lớn: 200 khung hình × 6000×6000 điểm ảnh" },
        { "GIF: 1×1 logical screen, a frame claiming 60000×60000", "khung hình quá lớn" },
        { "WebP: 4000×4000 canvas, 200 frames", "Ảnh động quá lớn: 200 khung hình × 4000×4000 điểm ảnh" },
        { "WebP with 300 frames", "quá nhiều khung hình" },
        { "WebP cut off", "hỏng" },
        { "JPEG header declaring 65500×65500", "Ảnh quá lớn (65500×65500 điểm ảnh)" },
        { "JPEG with 1,000 scans", "quá nhiều lượt quét" },
        { "progressive JPEG of 6000×6000 in full-resolution colour", "Ảnh cần quá nhiều bộ nhớ để giải mã (khoảng 308 MB; tối đa 256 MB)" },
        { "truncated JPEG", "hỏng" },
        { "SVG with a script", "Chỉ nhận ảnh" },
        { "HTML renamed .jpg", "Chỉ nhận ảnh" },
        { "PHP renamed .jpg", "Chỉ nhận ảnh" },
        { "GIF/JavaScript polyglot", "hỏng" },
        { "16 MB file", "lớn hơn 15 MB" },
        { "empty file", "rỗng" },
    };

    private static byte[] Build(string what) => what switch
    {
        "PNG header declaring 100000×100000" => TestImages.PngDeclaring(100_000, 100_000),
        "PNG header declaring 65535×65535" => TestImages.PngDeclaring(65535, 65535),
        "PNG with a chunk longer than the file" => [.. TestImages.Png(1, 1)[..33], .. new byte[] { 0x7F, 0xFF, 0xFF, 0xFF }, .. "zTXt"u8, .. new byte[40], .. TestImages.PngChunk("IEND", [])],
        "PNG cut off before IEND" => TestImages.Png(4, 4)[..^12],
        "PNG with an unknown critical chunk" => TestImages.Png(1, 1, ("CgBI", [0, 0, 0, 0])),
        "PNG without IHDR first" => TestImages.Png(1, 1, ("tEXt", "a\0b"u8.ToArray())) is var png ? [.. png[..8], .. png[33..]] : [],
        "GIF with 10,000 frames" => TestImages.Gif(1, 1, 10_000),
        "GIF: 6000×6000 logical screen, 200 frames of 1×1" => TestImages.Gif(6000, 6000, 200),
        "GIF: 1×1 logical screen, a frame claiming 60000×60000" => TestImages.Gif(1, 1, 1, 60000, 60000),
        "WebP: 4000×4000 canvas, 200 frames" => TestImages.WebpAnimation(4000, 4000, 200),
        "WebP with 300 frames" => TestImages.WebpAnimation(10, 10, 300),
        "WebP cut off" => TestImages.WebpAnimation(10, 10, 3)[..^5],
        "JPEG header declaring 65500×65500" => TestImages.JpegDeclaring(65500, 65500),
        "JPEG with 1,000 scans" => TestImages.JpegWithScans(1000),
        "progressive JPEG of 6000×6000 in full-resolution colour" => TestImages.ProgressiveJpeg(6000, 6000),
        "truncated JPEG" => Jpeg(400, 300) is var jpeg ? jpeg[..(jpeg.Length / 2)] : [],
        "SVG with a script" => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
        "HTML renamed .jpg" => "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8.ToArray(),
        "PHP renamed .jpg" => "<?php system($_GET['c']); ?>"u8.ToArray(),
        "GIF/JavaScript polyglot" => "GIF89a/*\u0001\u0000\u0001\u0000\u0000\u0000\u0000*/=alert(1);"u8.ToArray(),
        "16 MB file" => [.. Jpeg(400, 300), .. new byte[16 * 1024 * 1024]],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_and_broken_files_are_refused_with_a_reason(string what, string reason)
    {
        var (result, error) = await ImageIntake.AcceptAsync(Build(what));
        Assert.True(result is null, what);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_photo_with_gps_exif_comes_out_without_any_metadata_and_upright()
    {
        var photo = Jpeg(400, 300, image =>
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(10), new Rational(55), new Rational(30)]);
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.Make, "Điện thoại thử");
            exif.SetValue(ExifTag.Orientation, (ushort)6); // rotated 90°: the stored image must be upright
            image.Metadata.ExifProfile = exif;
        });
        Assert.Contains("Điện thoại thử", Encoding.UTF8.GetString(photo), StringComparison.Ordinal);

        var (result, error) = await ImageIntake.AcceptAsync(photo);
        Assert.Null(error);
        Assert.Equal("jpg", result!.Format);
        Assert.Equal((300, 400), (result.Width, result.Height));
        var info = Image.Identify(result.Content);
        Assert.Null(info.Metadata.ExifProfile);
        Assert.Null(info.Metadata.IccProfile);
        Assert.DoesNotContain("Điện thoại thử", Encoding.UTF8.GetString(result.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_appended_to_a_real_jpeg_does_not_survive_re_encoding()
    {
        var polyglot = Jpeg(64, 64).Concat("<script>alert(1)</script>"u8.ToArray()).ToArray();
        var (result, _) = await ImageIntake.AcceptAsync(polyglot);
        Assert.NotNull(result);
        Assert.DoesNotContain("<script>", Encoding.ASCII.GetString(result.Content), StringComparison.Ordinal);
    }

    private static string Chunks(byte[] png)
    {
        var types = new List<string>();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            types.Add(Encoding.ASCII.GetString(png, at + 4, 4));
            at += 12 + length;
        }
        return string.Join(" ", types);
    }

    [Fact]
    public async Task A_png_keeps_only_its_critical_chunks_and_transparency()
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "Điện thoại thử");
        var png = TestImages.Png(3, 2,
            ("tEXt", [.. "Comment"u8, 0, .. "van ban"u8]),
            ("zTXt", [.. "Comment"u8, 0, 0, .. TestImages.ZlibOfZeros(10 * 1024 * 1024)]),
            ("iTXt", [.. "XML:com.adobe.xmp"u8, 0, 1, 0, 0, 0, .. TestImages.ZlibOfZeros(1024 * 1024)]),
            ("iCCP", [.. "icc"u8, 0, 0, .. TestImages.ZlibOfZeros(1024 * 1024)]),
            ("eXIf", exif.ToByteArray()!),
            ("tIME", [0x07, 0xE8, 1, 1, 0, 0, 0]),
            ("tRNS", [0, 1, 0, 2, 0, 3]));
        Assert.Equal("IHDR tEXt zTXt iTXt iCCP eXIf tIME tRNS IDAT IEND", Chunks(png));

        var (result, error) = await ImageIntake.AcceptAsync(png);

        Assert.Null(error);
        Assert.Equal(("png", 3, 2), (result!.Format, result.Width, result.Height));
        Assert.DoesNotMatch("tEXt|zTXt|iTXt|iCCP|eXIf|tIME", Chunks(result.Content));
        using var image = Image.Load<Rgba32>(result.Content);
        Assert.Equal(new Rgba32(40, 120, 200, 255), image[2, 1]);
    }

    [Fact]
    public async Task An_animation_within_the_budget_keeps_its_frames()
    {
        using var gif = new Image<Rgba32>(200, 100, new Rgba32(200, 0, 0));
        for (var i = 1; i < 10; i++)
        {
            using var frame = new Image<Rgba32>(200, 100, new Rgba32((byte)(20 * i), 100, 0));
            gif.Frames.AddFrame(frame.Frames.RootFrame);
        }
        using var output = new MemoryStream();
        gif.SaveAsGif(output);

        var (result, error) = await ImageIntake.AcceptAsync(output.ToArray());

        Assert.Null(error);
        using var stored = Image.Load<Rgba32>(result!.Content);
        Assert.Equal(10, stored.Frames.Count);
        Assert.Equal((200, 100), (stored.Width, stored.Height));
    }

    [Fact]
    public async Task A_small_animated_webp_is_refused_as_not_supported_rather_than_broken()
    {
        var (result, error) = await ImageIntake.AcceptAsync(TestImages.WebpAnimation(40, 30, 5));
        Assert.Null(result);
        Assert.Equal("Ảnh WebP động chưa được hỗ trợ; hãy tải lên ảnh GIF hoặc một ảnh WebP tĩnh.", error);
    }

    [Fact]
    public async Task A_progressive_jpeg_within_the_decode_budget_is_accepted()
    {
        var (result, error) = await ImageIntake.AcceptAsync(TestImages.ProgressiveJpeg(1200, 800));
        Assert.Null(error);
        Assert.Equal(("jpg", 1200, 800), (result!.Format, result.Width, result.Height));
    }
}
