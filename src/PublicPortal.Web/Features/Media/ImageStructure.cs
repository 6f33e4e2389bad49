using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace PublicPortal.Web.Features.Media;

/// <summary>
/// Refuses image bombs before any decoder sees them, by walking each format's own structure: PNG chunks (only the
/// critical ones and tRNS are kept, so no compressed text or colour profile is ever inflated), GIF blocks and WebP chunks
/// (frames × canvas bounded: every decoded frame is a whole canvas), JPEG markers (scans bounded: each progressive scan
/// passes over the whole image). Dimensions then come from the header (Image.Identify) and are bounded too.
/// </summary>
public static class ImageStructure
{
    public const long MaxPixels = 40_000_000;

    /// <summary>All frames of an animation together: 50 megapixels decode to 200 MB, which keeps one upload well under 500 MB.</summary>
    public const long MaxTotalPixels = 50_000_000;

    public const int MaxFrames = 200;

    /// <summary>
    /// What one decode may hold: the pixels (4 bytes each, 3 for JPEG) and a progressive JPEG's coefficients (2 bytes a
    /// sample of each component, all kept until the last scan). 40 MP of RGBA is 160 MB; a 36 MP progressive JPEG with
    /// full-resolution colour needs about 309 MB and took the import to 478 MB, so it is refused.
    /// </summary>
    public const long MaxDecodeBytes = 256L * 1024 * 1024;

    /// <summary>A progressive JPEG has about ten scans; thousands are a way to make the decoder pass over the image thousands of times.</summary>
    public const int MaxJpegScans = 100;

    private const string Broken = "Tệp ảnh hỏng hoặc không đọc được.";

    public static (ImageShape? Shape, string? Error) Inspect(byte[] content, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0) return (null, "Tệp rỗng.");
        if (content.Length > maxBytes) return (null, $"Ảnh lớn hơn {maxBytes / 1024 / 1024} MB.");
        var format = Image.DetectFormat(ImageDecoding.Configuration, content);
        if (format is not (JpegFormat or PngFormat or WebpFormat or GifFormat))
            return (null, "Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF (tệp này không phải ảnh, hoặc là SVG/HTML).");

        var (decodable, frames, largestFrame, coefficientBytes, error) = format switch
        {
            PngFormat => Png(content),
            GifFormat => Gif(content),
            WebpFormat => Webp(content),
            _ => Jpeg(content),
        };
        if (error is not null) return (null, error);

        IImageInfo? info;
        try
        {
            info = Image.Identify(ImageDecoding.Configuration, decodable!, out _);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            info = null;
        }
        if (info is null || info.Width <= 0 || info.Height <= 0) return (null, Broken);
        if ((long)info.Width * info.Height > MaxPixels)
            return (null, $"Ảnh quá lớn ({info.Width}×{info.Height} điểm ảnh); tối đa {MaxPixels / 1_000_000} megapixel.");
        var framePixels = Math.Max((long)info.Width * info.Height, largestFrame);
        var shape = new ImageShape(format, info.Width, info.Height, frames, framePixels, decodable!,
            framePixels * frames * (format is JpegFormat ? 3 : 4) + coefficientBytes);
        if (shape.FramePixels > MaxPixels)
            return (null, $"Ảnh có một khung hình quá lớn (hơn {MaxPixels / 1_000_000} megapixel).");
        if (shape.TotalPixels > MaxTotalPixels) return (null, AnimationTooLarge(frames, info.Width, info.Height));
        if (shape.DecodeBytes > MaxDecodeBytes)
            return (null, $"Ảnh cần quá nhiều bộ nhớ để giải mã (khoảng {shape.DecodeBytes / 1024 / 1024} MB; tối đa {MaxDecodeBytes / 1024 / 1024} MB). Hãy lưu lại ảnh nhỏ hơn, hoặc dạng JPEG thường (không progressive).");
        return (shape, null);
    }

    private static string AnimationTooLarge(int frames, int width, int height) =>
        $"Ảnh động quá lớn: {frames} khung hình × {width}×{height} điểm ảnh; tối đa {MaxTotalPixels / 1_000_000} megapixel cho mọi khung hình cộng lại.";

    private static string TooManyFrames => $"Ảnh động có quá nhiều khung hình (hơn {MaxFrames}); tối đa {MaxFrames}.";

    /// <summary>
    /// The PNG rebuilt from IHDR, PLTE, tRNS, IDAT and IEND. Text (tEXt, zTXt, iTXt), colour profiles (iCCP), EXIF and
    /// animation chunks are dropped unread: a compressed chunk of a few hundred KB can inflate to gigabytes.
    /// </summary>
    private static (byte[]? Content, int Frames, long LargestFrame, long CoefficientBytes, string? Error) Png(byte[] png)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!png.AsSpan().StartsWith(signature)) return (null, 0, 0, 0, Broken);
        using var kept = new MemoryStream(png.Length);
        kept.Write(signature);
        var at = signature.Length;
        var (header, data, end) = (false, false, false);
        while (!end)
        {
            if (png.Length - at < 12) return (null, 0, 0, 0, Broken); // cut off before IEND
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > png.Length - at - 12) return (null, 0, 0, 0, Broken); // a chunk longer than the file
            var type = png.AsSpan(at + 4, 4);
            foreach (var c in type)
            {
                if (!char.IsAsciiLetter((char)c)) return (null, 0, 0, 0, Broken);
            }
            var body = png.AsSpan(at + 8, (int)length);
            if (!header && !type.SequenceEqual("IHDR"u8)) return (null, 0, 0, 0, Broken);
            var keep = true;
            switch (System.Text.Encoding.ASCII.GetString(type))
            {
                case "IHDR":
                    if (header || !ValidPngHeader(body)) return (null, 0, 0, 0, Broken);
                    header = true;
                    // Refused here, before Identify: its 13 bytes are all a decoder would trust.
                    var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]));
                    if ((long)width * height > MaxPixels)
                        return (null, 0, 0, 0, $"Ảnh quá lớn ({width}×{height} điểm ảnh); tối đa {MaxPixels / 1_000_000} megapixel.");
                    break;
                case "IDAT":
                    data = true;
                    break;
                case "IEND":
                    end = true;
                    break;
                case "PLTE" or "tRNS":
                    break;
                default:
                    // An unknown critical chunk (upper-case first letter) means the picture cannot be read without it.
                    if ((type[0] & 0x20) == 0) return (null, 0, 0, 0, Broken);
                    keep = false;
                    break;
            }
            if (keep) kept.Write(png, at, 12 + (int)length);
            at += 12 + (int)length;
        }
        return data ? (kept.ToArray(), 1, 0, 0, null) : (null, 0, 0, 0, Broken);
    }

    private static bool ValidPngHeader(ReadOnlySpan<byte> ihdr)
    {
        if (ihdr.Length != 13) return false;
        var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(ihdr), BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]));
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue) return false;
        var (depth, colour) = (ihdr[8], ihdr[9]);
        var depthFits = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        return depthFits && ihdr[10] == 0 && ihdr[11] == 0 && ihdr[12] <= 1;
    }

    /// <summary>Counts a GIF's frames by walking its blocks (no pixel is decoded) and finds the largest frame any descriptor claims.</summary>
    private static (byte[]? Content, int Frames, long LargestFrame, long CoefficientBytes, string? Error) Gif(byte[] gif)
    {
        if (gif.Length < 13) return (null, 0, 0, 0, Broken);
        var at = 13;
        var packed = gif[10];
        if ((packed & 0x80) != 0) at += 3 * (1 << ((packed & 0x07) + 1)); // global colour table
        var (frames, largest) = (0, 0L);
        while (at < gif.Length && gif[at] != 0x3B) // up to the trailer; without one, what is there
        {
            switch (gif[at])
            {
                case 0x21: // extension: label, then sub-blocks
                    at += 2;
                    if (!SkipSubBlocks(gif, ref at)) return (null, 0, 0, 0, "Tệp GIF hỏng.");
                    break;
                case 0x2C: // image descriptor: the decoder allocates its width × height, whatever the logical screen says
                    if (at + 10 > gif.Length) return (null, 0, 0, 0, "Tệp GIF hỏng.");
                    largest = Math.Max(largest, (long)BinaryPrimitives.ReadUInt16LittleEndian(gif.AsSpan(at + 5)) * BinaryPrimitives.ReadUInt16LittleEndian(gif.AsSpan(at + 7)));
                    var local = gif[at + 9];
                    at += 10;
                    if ((local & 0x80) != 0) at += 3 * (1 << ((local & 0x07) + 1));
                    at += 1; // LZW minimum code size
                    if (!SkipSubBlocks(gif, ref at)) return (null, 0, 0, 0, "Tệp GIF hỏng.");
                    if (++frames > MaxFrames) return (null, 0, 0, 0, TooManyFrames);
                    break;
                default:
                    return (null, 0, 0, 0, "Tệp GIF hỏng.");
            }
        }
        return frames == 0 ? (null, 0, 0, 0, "Tệp GIF hỏng.") : (gif, frames, largest, 0, null);
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

    /// <summary>
    /// Walks the RIFF chunks: complete as its header says, and for an animation (VP8X + ANMF) its frames counted against
    /// the canvas. ImageSharp 2.1 decodes no animated WebP ("not yet supported"), so one is refused with that reason; the
    /// bound is checked first all the same, in case a later version decodes them (each frame a whole canvas).
    /// </summary>
    private static (byte[]? Content, int Frames, long LargestFrame, long CoefficientBytes, string? Error) Webp(byte[] webp)
    {
        if (webp.Length < 12) return (null, 0, 0, 0, Broken);
        var riff = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(4));
        if (riff < 4 || webp.Length < 8 + (long)riff) return (null, 0, 0, 0, Broken); // cut off
        var end = 8 + (int)riff;
        var at = 12;
        var (frames, largest, canvas) = (0, 0L, (Width: 0, Height: 0));
        while (end - at >= 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            if (size > end - at - 8) return (null, 0, 0, 0, Broken);
            if (webp.AsSpan(at, 4).SequenceEqual("VP8X"u8) && size >= 10)
                canvas = (UInt24(webp.AsSpan(at + 12)) + 1, UInt24(webp.AsSpan(at + 15)) + 1);
            if (webp.AsSpan(at, 4).SequenceEqual("ANMF"u8))
            {
                if (size < 16) return (null, 0, 0, 0, Broken);
                var frame = webp.AsSpan(at + 8);
                largest = Math.Max(largest, (long)(UInt24(frame[6..]) + 1) * (UInt24(frame[9..]) + 1));
                if (++frames > MaxFrames) return (null, 0, 0, 0, TooManyFrames);
            }
            at += 8 + (int)size + (int)(size & 1);
        }
        if (frames == 0) return (webp, 1, 0, 0, null);
        if (Math.Max((long)canvas.Width * canvas.Height, largest) * frames > MaxTotalPixels) return (null, 0, 0, 0, AnimationTooLarge(frames, canvas.Width, canvas.Height));
        return (null, 0, 0, 0, "Ảnh WebP động chưa được hỗ trợ; hãy tải lên ảnh GIF hoặc một ảnh WebP tĩnh.");
    }

    /// <summary>
    /// What a progressive JPEG's decoder keeps for the whole image until its last scan: 64 coefficients of 2 bytes for
    /// every 8 × 8 block of every component (a subsampled component has fewer blocks). A baseline JPEG is converted to
    /// pixels as it is read and keeps none. -1 for a broken frame header.
    /// </summary>
    private static long CoefficientBytes(ReadOnlySpan<byte> frame, bool progressive)
    {
        if (frame.Length < 6) return -1;
        var (height, width, components) = (BinaryPrimitives.ReadUInt16BigEndian(frame[1..]), BinaryPrimitives.ReadUInt16BigEndian(frame[3..]), frame[5]);
        if (components is 0 or > 4 || frame.Length < 6 + 3 * components) return -1;
        if (!progressive) return 0;
        var (maxH, maxV) = (1, 1);
        for (var c = 0; c < components; c++) (maxH, maxV) = (Math.Max(maxH, frame[7 + 3 * c] >> 4), Math.Max(maxV, frame[7 + 3 * c] & 0x0F));
        var (mcuColumns, mcuRows) = ((width + 8L * maxH - 1) / (8L * maxH), (height + 8L * maxV - 1) / (8L * maxV));
        var blocks = 0L;
        for (var c = 0; c < components; c++) blocks += mcuColumns * (frame[7 + 3 * c] >> 4) * mcuRows * (frame[7 + 3 * c] & 0x0F);
        return blocks * 64 * 2;
    }

    private static int UInt24(ReadOnlySpan<byte> b) => b[0] | (b[1] << 8) | (b[2] << 16);

    /// <summary>
    /// Walks the markers to the end-of-image marker (a decoder fills a cut-off picture with grey rather than fail; bytes
    /// after it, such as an appended script, are dropped by re-encoding), counting the scans.
    /// </summary>
    private static (byte[]? Content, int Frames, long LargestFrame, long CoefficientBytes, string? Error) Jpeg(byte[] jpeg)
    {
        var data = jpeg.AsSpan();
        var at = 2; // after SOI
        var scans = 0;
        var coefficients = -1L; // until a frame header says
        while (true)
        {
            if (at + 1 >= data.Length || data[at] != 0xFF) return (null, 0, 0, 0, Broken);
            while (at + 1 < data.Length && data[at + 1] == 0xFF) at++; // fill bytes
            if (at + 1 >= data.Length) return (null, 0, 0, 0, Broken);
            var marker = data[at + 1];
            at += 2;
            if (marker == 0xD9) return scans > 0 && coefficients >= 0 ? (jpeg, 1, 0, coefficients, null) : (null, 0, 0, 0, Broken);
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue; // no length
            if (marker is 0x00 or 0xD8 || at + 2 > data.Length) return (null, 0, 0, 0, Broken);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            if (length < 2 || at + length > data.Length) return (null, 0, 0, 0, Broken);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (coefficients >= 0) return (null, 0, 0, 0, Broken); // a second frame header
                coefficients = CoefficientBytes(data.Slice(at + 2, length - 2), progressive: (marker & 0x03) == 0x02);
                if (coefficients < 0) return (null, 0, 0, 0, Broken);
            }
            at += length;
            if (marker != 0xDA) continue;
            if (++scans > MaxJpegScans) return (null, 0, 0, 0, $"Ảnh JPEG có quá nhiều lượt quét (hơn {MaxJpegScans}); tối đa {MaxJpegScans}.");
            // Entropy-coded data runs to the next marker: 0xFF followed by anything but a stuffed 0x00 or a restart marker.
            while (true)
            {
                var next = data[at..].IndexOf((byte)0xFF);
                if (next < 0 || at + next + 1 >= data.Length) return (null, 0, 0, 0, Broken);
                at += next;
                var after = data[at + 1];
                if (after is 0x00 or (>= 0xD0 and <= 0xD7)) at += 2;
                else break;
            }
        }
    }
}
