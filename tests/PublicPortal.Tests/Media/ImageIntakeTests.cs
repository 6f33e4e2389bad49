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

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A well-formed PNG whose header claims 100000 × 100000 pixels (10 gigapixels), with a few bytes of pixel data.</summary>
    private static byte[] PngBomb()
    {
        using var png = new MemoryStream();
        void Chunk(string type, byte[] data)
        {
            var length = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            png.Write(length);
            var body = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.Write(body);
            var crc = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
            png.Write(crc);
        }
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, 100_000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), 100_000);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk("IHDR", ihdr);
        Chunk("IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        Chunk("IEND", []);
        return png.ToArray();
    }

    /// <summary>A GIF of 1 × 1 pixel with 10,000 frames.</summary>
    private static byte[] GifWithFrames(int count)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        gif.Write([1, 0, 1, 0, 0x80, 0, 0]); // 1×1, global colour table of 2 entries
        gif.Write([0, 0, 0, 255, 255, 255]);
        for (var i = 0; i < count; i++)
        {
            gif.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]); // image descriptor 1×1
            gif.Write([2, 2, 0x4C, 0x01, 0]); // LZW min code size 2, one data sub-block, terminator
        }
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    // The theory data is only names: xunit serialises theory data to the runner, and a 16 MB array made discovery crawl.
    public static TheoryData<string, string> Hostile() => new()
    {
        { "PNG header declaring 100000×100000", "quá lớn" },
        { "GIF with 10,000 frames", "quá nhiều khung hình" },
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
        "PNG header declaring 100000×100000" => PngBomb(),
        "GIF with 10,000 frames" => GifWithFrames(10_000),
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
}
