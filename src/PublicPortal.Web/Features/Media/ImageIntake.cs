using System.Security.Cryptography;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace PublicPortal.Web.Features.Media;

/// <summary>An accepted image, re-encoded without metadata, ready to be stored under its hash.</summary>
public sealed record IntakeResult(byte[] Content, string Format, string Hash, int Width, int Height);

/// <summary>
/// Decides whether an uploaded file is an image the site will keep, without trusting its name or Content-Type, and
/// without decoding anything too large: format from the first bytes, dimensions from the header (Image.Identify),
/// GIF frames counted from the block structure, and only then a decode. The kept file is re-encoded with the
/// orientation applied and EXIF (GPS!), XMP, IPTC and ICC removed.
/// </summary>
public static class ImageIntake
{
    public const long MaxBytes = 15 * 1024 * 1024;
    public const long MaxPixels = 40_000_000;
    public const int MaxGifFrames = 200;

    // Decoding a 40-megapixel image takes ~160 MB: at most two at a time on this 2-core, small-memory host.
    private static readonly SemaphoreSlim Decoding = new(2, 2);

    /// <summary>A stored image's name: the first 16 hex digits of the SHA-256 of its bytes.</summary>
    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];

    public static async Task<(IntakeResult? Result, string? Error)> AcceptAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0) return (null, "Tệp rỗng.");
        if (content.Length > MaxBytes) return (null, $"Ảnh lớn hơn {MaxBytes / 1024 / 1024} MB.");
        var format = Image.DetectFormat(content);
        if (format is not (JpegFormat or PngFormat or WebpFormat or GifFormat))
            return (null, "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF (tệp này không phải ảnh, hoặc là SVG/HTML).");
        IImageInfo? info;
        try
        {
            info = Image.Identify(content);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            info = null;
        }
        if (info is null || info.Width <= 0 || info.Height <= 0 || !Complete(content, format)) return (null, "Tệp ảnh hỏng hoặc không đọc được.");
        if ((long)info.Width * info.Height > MaxPixels)
            return (null, $"Ảnh quá lớn ({info.Width}×{info.Height} điểm ảnh); tối đa {MaxPixels / 1_000_000} megapixel.");
        if (format is GifFormat && GifFrames(content) is var frames && frames is < 0 or > MaxGifFrames)
            return (null, frames < 0 ? "Tệp GIF hỏng." : $"Ảnh GIF có quá nhiều khung hình ({frames}); tối đa {MaxGifFrames}.");

        await Decoding.WaitAsync(cancellationToken);
        try
        {
            using var image = Image.Load(content);
            image.Mutate(x => x.AutoOrient());
            StripMetadata(image);
            using var output = new MemoryStream();
            var (extension, encoder) = Encoder(format);
            image.Save(output, encoder);
            var bytes = output.ToArray();
            var hash = HashOf(bytes);
            return (new IntakeResult(bytes, extension, hash, image.Width, image.Height), null);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, "Tệp ảnh hỏng hoặc không đọc được.");
        }
        finally
        {
            Decoding.Release();
        }
    }

    public static void StripMetadata(Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = null;
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

    /// <summary>
    /// Whether the file reaches its own end: decoders fill a cut-off picture with grey rather than fail, so a truncated
    /// upload is caught here. JPEG: an end-of-image marker after the scan (bytes after it, e.g. an appended script, are
    /// dropped by re-encoding); PNG: an IEND chunk; WebP: as long as its RIFF header says.
    /// </summary>
    public static bool Complete(ReadOnlySpan<byte> content, IImageFormat format) => format switch
    {
        JpegFormat => content.LastIndexOf(new byte[] { 0xFF, 0xD9 }) > content.IndexOf(new byte[] { 0xFF, 0xDA }) && content.IndexOf(new byte[] { 0xFF, 0xDA }) > 0,
        PngFormat => content.IndexOf("IEND"u8) > 0,
        WebpFormat => content.Length >= 12 && content.Length >= 8 + (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(content[4..]),
        _ => true,
    };

    /// <summary>Counts a GIF's image descriptors by walking its blocks (no pixel is decoded); -1 when the structure is broken.</summary>
    public static int GifFrames(ReadOnlySpan<byte> gif)
    {
        if (gif.Length < 13) return -1;
        var at = 13;
        var packed = gif[10];
        if ((packed & 0x80) != 0) at += 3 * (1 << ((packed & 0x07) + 1)); // global colour table
        var frames = 0;
        while (at < gif.Length)
        {
            switch (gif[at])
            {
                case 0x3B: // trailer
                    return frames;
                case 0x21: // extension: label, then sub-blocks
                    at += 2;
                    if (!SkipSubBlocks(gif, ref at)) return -1;
                    break;
                case 0x2C: // image descriptor
                    if (at + 10 > gif.Length) return -1;
                    var local = gif[at + 9];
                    at += 10;
                    if ((local & 0x80) != 0) at += 3 * (1 << ((local & 0x07) + 1));
                    at += 1; // LZW minimum code size
                    if (!SkipSubBlocks(gif, ref at)) return -1;
                    if (++frames > MaxGifFrames) return frames;
                    break;
                default:
                    return -1;
            }
        }
        return frames; // no trailer: count what is there
    }

    private static bool SkipSubBlocks(ReadOnlySpan<byte> data, ref int at)
    {
        while (at < data.Length)
        {
            var size = data[at];
            at += 1 + size;
            if (size == 0) return at <= data.Length;
        }
        return false;
    }
}
