using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Features.Hosting;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace PublicPortal.Web.Features.Media;

/// <summary>
/// Makes an image's renditions once and keeps them on disk. The first request for any of them makes the whole set from
/// one decode of the original (largest first, each smaller one resized from the one before); concurrent requests wait for it.
/// The original was checked when it was stored, but it is inspected and decoded within bounds again (first frame only):
/// a file on disk is not proof of anything, and a bomb must never be decoded by an anonymous request.
/// </summary>
public sealed class RenditionStore(PortalPaths paths, ILogger<RenditionStore> logger) : IDisposable
{
    private static readonly string[] Extensions = ["webp", "jpg"];

    // The most requested renditions stay in memory (at most 64 MB): reading the file for each request was most of serving it.
    private readonly MemoryCache _bytes = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    /// <summary>
    /// A rendition's bytes (made on first request, then from memory or disk), or null when the original cannot be made
    /// into renditions (logged, and not tried again for ten minutes). A deleted image's entries are never asked for again
    /// (the catalog no longer knows its hash) and age out.
    /// </summary>
    public async Task<byte[]?> GetBytesAsync(string originalPath, string hash, int width, string extension)
    {
        var key = $"{hash}-{width}.{extension}";
        if (_bytes.TryGetValue(key, out byte[]? cached) && cached is not null) return cached;
        if (await GetAsync(originalPath, hash, width, extension) is not { } path) return null;
        var bytes = await File.ReadAllBytesAsync(path);
        _bytes.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return bytes;
    }

    public void Dispose() => _bytes.Dispose();
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _making = new();

    private string PathOf(string hash, int width, string extension) => Path.Combine(paths.RenditionsDirectory, $"{hash}-{width}.{extension}");

    public async Task<string?> GetAsync(string originalPath, string hash, int width, string extension)
    {
        var target = PathOf(hash, width, extension);
        if (File.Exists(target)) return target;
        if (_bytes.TryGetValue("refused:" + hash, out _)) return null;
        var making = _making.GetOrAdd(hash, _ => new Lazy<Task<bool>>(() => MakeSetAsync(originalPath, hash)));
        try
        {
            return await making.Value ? target : null;
        }
        finally
        {
            _making.TryRemove(hash, out _);
        }
    }

    private async Task<bool> MakeSetAsync(string originalPath, string hash)
    {
        var refusal = await TryMakeSetAsync(originalPath, hash);
        if (refusal is null) return true;
        logger.LogWarning("No renditions of image {Hash} ({Path}): {Reason}", hash, originalPath, refusal);
        _bytes.Set("refused:" + hash, Array.Empty<byte>(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10) });
        return false;
    }

    /// <summary>Makes the set; null when made, else why not.</summary>
    private async Task<string?> TryMakeSetAsync(string originalPath, string hash)
    {
        if (new FileInfo(originalPath).Length > ImageIntake.MaxStoredBytes) return "larger than any original the intake stores";
        var (shape, error) = ImageStructure.Inspect(await File.ReadAllBytesAsync(originalPath), ImageIntake.MaxStoredBytes);
        if (shape is null) return error;
        using var slot = await ImageDecoding.EnterAsync(ImageDecoding.BytesOf(shape, firstFrameOnly: true));
        try
        {
            using var image = ImageDecoding.Load(shape, firstFrameOnly: true);
            ImageIntake.StripMetadata(image);
            foreach (var width in MediaLibrary.Widths.OrderDescending())
            {
                if (image.Width > width) image.Mutate(x => x.Resize(width, 0)); // never upscaled
                foreach (var extension in Extensions)
                {
                    var target = PathOf(hash, width, extension);
                    if (File.Exists(target)) continue;
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    var temporary = target + MediaFiles.TemporaryMarker + Guid.NewGuid().ToString("N");
                    await using (var output = File.Create(temporary))
                    {
                        if (extension == "webp") await image.SaveAsync(output, new WebpEncoder { Quality = 75 });
                        else await image.SaveAsync(output, new JpegEncoder { Quality = 80 });
                    }
                    File.Move(temporary, target, overwrite: true);
                }
            }
            return null;
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return ex.Message;
        }
    }
}
