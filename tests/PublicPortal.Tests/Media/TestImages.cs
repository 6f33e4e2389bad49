using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace PublicPortal.Tests.Media;

/// <summary>
/// Pictures made in memory for the media tests: plain photos (optionally carrying a GPS position as a phone camera writes
/// it), and hostile files built byte by byte, so no binary is committed.
/// </summary>
internal static class TestImages
{
    public static byte[] Jpeg(int width, int height, bool gps = false)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(160, 90, 40));
        if (gps)
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(10), new Rational(55), new Rational(30)]);
            image.Metadata.ExifProfile = exif;
        }
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>One PNG chunk: length, type, data, CRC of type and data.</summary>
    public static byte[] PngChunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. PngChunk("IHDR", ihdr)];
    }

    /// <summary>A real RGB PNG of one colour, with the given ancillary chunks between its header and its pixels.</summary>
    public static byte[] Png(int width, int height, params (string Type, byte[] Data)[] ancillary)
    {
        using var raw = new MemoryStream();
        var row = new byte[1 + 3 * width]; // filter byte 0, then pixels
        for (var x = 0; x < width; x++) (row[1 + 3 * x], row[2 + 3 * x], row[3 + 3 * x]) = (40, 120, 200);
        for (var y = 0; y < height; y++) raw.Write(row);
        using var png = new MemoryStream();
        png.Write(PngHeader(width, height));
        foreach (var (type, data) in ancillary) png.Write(PngChunk(type, data));
        png.Write(PngChunk("IDAT", Zlib(raw.ToArray())));
        png.Write(PngChunk("IEND", []));
        return png.ToArray();
    }

    /// <summary>A well-formed PNG whose header claims width × height pixels, with a few bytes of pixel data.</summary>
    public static byte[] PngDeclaring(int width, int height) =>
        [.. PngHeader(width, height), .. PngChunk("IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]), .. PngChunk("IEND", [])];

    public static byte[] Zlib(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }

    /// <summary>A zlib stream that inflates to <paramref name="inflated"/> zero bytes (about a thousandth of that, compressed).</summary>
    public static byte[] ZlibOfZeros(long inflated)
    {
        var zeros = new byte[1024 * 1024];
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var left = inflated; left > 0; left -= zeros.Length) zlib.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
        }
        return output.ToArray();
    }

    /// <summary>A 1 × 1 PNG carrying a compressed text chunk (zTXt: keyword, 0, method 0, zlib) that inflates to <paramref name="inflated"/> bytes.</summary>
    public static byte[] PngWithZtxt(long inflated) => Png(1, 1, ("zTXt", [.. "Comment"u8, 0, 0, .. ZlibOfZeros(inflated)]));

    /// <summary>
    /// A GIF of <paramref name="frames"/> frames on a screenWidth × screenHeight logical screen, each frame's descriptor
    /// claiming frameWidth × frameHeight pixels, with the pixel data of 1 × 1.
    /// </summary>
    public static byte[] Gif(int screenWidth, int screenHeight, int frames, int frameWidth = 1, int frameHeight = 1)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        void Word(int value) => gif.Write([(byte)value, (byte)(value >> 8)]);
        Word(screenWidth);
        Word(screenHeight);
        gif.Write([0x80, 0, 0]); // global colour table of 2 entries
        gif.Write([0, 0, 0, 255, 255, 255]);
        gif.Write([0x21, 0xFF, 11, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0]); // loop forever
        for (var i = 0; i < frames; i++)
        {
            gif.Write([0x21, 0xF9, 4, 0x04, 10, 0, 0, 0]); // graphic control: 0.1 s, keep the frame
            gif.WriteByte(0x2C);
            Word(0);
            Word(0);
            Word(frameWidth);
            Word(frameHeight);
            gif.WriteByte(0);
            gif.Write([2, 2, 0x4C, 0x01, 0]); // LZW min code size 2, one data sub-block, terminator
        }
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>An animated WebP: a canvasWidth × canvasHeight canvas (VP8X) and <paramref name="frames"/> lossless frames of 1 × 1 (ANMF).</summary>
    public static byte[] WebpAnimation(int canvasWidth, int canvasHeight, int frames)
    {
        byte[] onePixel;
        using (var image = new Image<Rgba32>(1, 1, new Rgba32(200, 100, 50, 255)))
        using (var encoded = new MemoryStream())
        {
            image.Save(encoded, new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });
            onePixel = RiffChunk(encoded.ToArray(), "VP8L");
        }
        static byte[] UInt24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];
        static byte[] Chunk(string type, byte[] data)
        {
            var chunk = new byte[8 + data.Length + (data.Length & 1)];
            Encoding.ASCII.GetBytes(type).CopyTo(chunk, 0);
            BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(4), data.Length);
            data.CopyTo(chunk, 8);
            return chunk;
        }
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        body.Write(Chunk("VP8X", [0x12, 0, 0, 0, .. UInt24(canvasWidth - 1), .. UInt24(canvasHeight - 1)])); // animation + alpha
        body.Write(Chunk("ANIM", [0, 0, 0, 0, 0, 0]));
        var frame = Chunk("ANMF", [.. UInt24(0), .. UInt24(0), .. UInt24(0), .. UInt24(0), .. UInt24(100), 0, .. onePixel]);
        for (var i = 0; i < frames; i++) body.Write(frame);
        var riff = body.ToArray();
        return [.. "RIFF"u8, .. BitConverter.GetBytes(riff.Length), .. riff];
    }

    /// <summary>The whole chunk (header, data, padding) of the given type in a RIFF file.</summary>
    private static byte[] RiffChunk(byte[] riff, string type)
    {
        for (var at = 12; at + 8 <= riff.Length;)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(riff.AsSpan(at + 4));
            var whole = 8 + size + (size & 1);
            if (Encoding.ASCII.GetString(riff, at, 4) == type) return riff[at..(at + whole)];
            at += whole;
        }
        throw new InvalidOperationException($"no {type} chunk");
    }

    /// <summary>A small baseline JPEG whose frame header (SOF0) is changed to claim width × height pixels; its scan stays tiny.</summary>
    public static byte[] JpegDeclaring(int width, int height)
    {
        var jpeg = Jpeg(16, 16);
        var sof = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 });
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), (ushort)width);
        return jpeg;
    }

    /// <summary>A small JPEG whose one scan (SOS and its data) is repeated <paramref name="scans"/> times before the end marker.</summary>
    public static byte[] JpegWithScans(int scans)
    {
        var jpeg = Jpeg(16, 16);
        var sos = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xDA });
        var eoi = jpeg.AsSpan().LastIndexOf(new byte[] { 0xFF, 0xD9 });
        using var output = new MemoryStream();
        output.Write(jpeg, 0, sos);
        for (var i = 0; i < scans; i++) output.Write(jpeg, sos, eoi - sos);
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    /// <summary>
    /// A progressive JPEG of width × height with three full-resolution components (4:4:4) and one DC scan in which every
    /// block is grey: one bit a block, so 36 megapixels fit in about 200 KB, while a decoder keeps 2 bytes of coefficients
    /// for every sample until the last scan.
    /// </summary>
    public static byte[] ProgressiveJpeg(int width, int height)
    {
        static byte[] Segment(byte marker, byte[] payload) => [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        byte[] flatTable = [.. Enumerable.Repeat((byte)1, 64)];
        byte[] oneCode = [1, .. new byte[15], 0]; // one code of length 1, for category 0 (no difference)
        var blocks = (long)((width + 7) / 8) * ((height + 7) / 8) * 3;
        return
        [
            0xFF, 0xD8,
            .. Segment(0xDB, [0, .. flatTable]), .. Segment(0xDB, [1, .. flatTable]),
            .. Segment(0xC2, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]),
            .. Segment(0xC4, [0x00, .. oneCode]), .. Segment(0xC4, [0x01, .. oneCode]),
            .. Segment(0xDA, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 0, 0]),
            .. new byte[(blocks + 7) / 8],
            0xFF, 0xD9,
        ];
    }
}
