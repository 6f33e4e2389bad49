using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Processing;

namespace PublicPortal.Web.Features.Media;

/// <summary>
/// Decides whether an uploaded file is an image the site will keep, without trusting its name or Content-Type, and
/// without decoding anything too large: <see cref="ImageStructure.Inspect"/> first (format from the first bytes, the
/// structure walked, dimensions and frames bounded), then a bounded decode (<see cref="ImageDecoding"/>). The kept file is
/// re-encoded with the orientation applied and EXIF (GPS!), XMP, IPTC, ICC and text removed.
/// </summary>
public static class ImageIntake
{
    public const long MaxBytes = 15 * 1024 * 1024;
    public const long MaxPixels = ImageStructure.MaxPixels;

    /// <summary>A stored original is our own re-encoding of an accepted upload, which can come out somewhat larger than it went in.</summary>
    public const long MaxStoredBytes = 64 * 1024 * 1024;

    /// <summary>A stored image's name: the first 16 hex digits of the SHA-256 of its bytes.</summary>
    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];

    public static async Task<(IntakeResult? Result, string? Error)> AcceptAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (shape, error) = ImageStructure.Inspect(content, MaxBytes);
        if (shape is null) return (null, error);

        using var slot = await ImageDecoding.EnterAsync(ImageDecoding.BytesOf(shape, firstFrameOnly: false), cancellationToken);
        try
        {
            using var image = ImageDecoding.Load(shape, firstFrameOnly: false);
            image.Mutate(x => x.AutoOrient());
            StripMetadata(image);
            using var output = new MemoryStream();
            var (extension, encoder) = Encoder(shape.Format);
            image.Save(output, encoder);
            var bytes = output.ToArray();
            var hash = HashOf(bytes);
            return (new IntakeResult(bytes, extension, hash, image.Width, image.Height), null);
        }
        catch (InvalidMemoryOperationException)
        {
            return (null, "Ảnh cần quá nhiều bộ nhớ để xử lý; hãy thu nhỏ ảnh rồi tải lại.");
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, "Tệp ảnh hỏng hoặc không đọc được.");
        }
    }

    public static void StripMetadata(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.GetPngMetadata().TextData.Clear();
        image.Metadata.GetGifMetadata().Comments.Clear();
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.IccProfile = null;
        }
    }

    private static (string Extension, IImageEncoder Encoder) Encoder(IImageFormat format) => format switch
    {
        JpegFormat => ("jpg", new JpegEncoder { Quality = 88 }),
        PngFormat => ("png", new PngEncoder()),
        WebpFormat => ("webp", new WebpEncoder { Quality = 85 }),
        _ => ("gif", new GifEncoder()),
    };
}
