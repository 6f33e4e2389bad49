using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace PublicPortal.Web.Features.Media;

/// <summary>
/// Every decode of an upload or a stored original goes through here, after <see cref="ImageStructure.Inspect"/>: a
/// configuration that knows only our four formats, an allocator that refuses any single buffer over 256 MB and keeps
/// little pooled, and at most two decodes at a time, only one of them large, so uploads and first rendition requests
/// arriving together cannot add up past this small host's memory.
/// </summary>
public static class ImageDecoding
{
    /// <summary>A decode holding more than this waits until no other large one runs (40 MP decode to 120–160 MB).</summary>
    private const long LargeBytes = 64L * 1024 * 1024;

    public static Configuration Configuration { get; } = new(
        new PngConfigurationModule(), new JpegConfigurationModule(), new GifConfigurationModule(), new WebpConfigurationModule())
    {
        // The default pool keeps up to an eighth of the machine's memory after a decode; the limit turns a buffer that a
        // header lied about into an InvalidMemoryOperationException instead of gigabytes.
        MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { MaximumPoolSizeMegabytes = 32, AllocationLimitMegabytes = 256 }),
    };

    private static readonly SemaphoreSlim Decodes = new(2, 2);
    private static readonly SemaphoreSlim LargeDecodes = new(1, 1);

    /// <summary>Waits for a decode slot for a decode holding this many bytes; dispose the result to give it back.</summary>
    public static async Task<IDisposable> EnterAsync(long bytes, CancellationToken cancellationToken = default)
    {
        await Decodes.WaitAsync(cancellationToken);
        if (bytes <= LargeBytes) return new Slot(large: false);
        try
        {
            await LargeDecodes.WaitAsync(cancellationToken);
        }
        catch
        {
            Decodes.Release();
            throw;
        }
        return new Slot(large: true);
    }

    /// <summary>Memory a <see cref="Load"/> holds: renditions of a GIF read only its first frame.</summary>
    public static long BytesOf(ImageShape shape, bool firstFrameOnly)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return firstFrameOnly && shape.Format is GifFormat ? shape.FramePixels * 4 : shape.DecodeBytes;
    }

    /// <summary>
    /// Decodes an inspected image: JPEG as 3 bytes a pixel (it has no alpha), the others as 4. The JPEG's metadata is
    /// read for its orientation; a PNG's ancillary chunks are already gone.
    /// </summary>
    public static Image Load(ImageShape shape, bool firstFrameOnly)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return shape.Format switch
        {
            JpegFormat => Image.Load<Rgb24>(Configuration, shape.Content, new JpegDecoder()),
            PngFormat => Image.Load<Rgba32>(Configuration, shape.Content, new PngDecoder()),
            GifFormat => Image.Load<Rgba32>(Configuration, shape.Content, new GifDecoder
            {
                DecodingMode = firstFrameOnly ? FrameDecodingMode.First : FrameDecodingMode.All,
                MaxFrames = (uint)ImageStructure.MaxFrames,
            }),
            _ => Image.Load<Rgba32>(Configuration, shape.Content, new WebpDecoder()),
        };
    }

    private sealed class Slot(bool large) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            if (large) LargeDecodes.Release();
            Decodes.Release();
        }
    }
}
