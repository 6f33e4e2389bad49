using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace PublicPortal.Web.Features.Media;

/// <summary>The media library's files: originals under media/library/, renditions under media/renditions/.</summary>
public sealed class MediaLibrary(PortalDbContext db, PortalPaths paths, MediaCatalog catalog, TimeProvider clock)
{
    /// <summary>The only widths served: no one can fill the disk by asking for arbitrary sizes.</summary>
    public static readonly int[] Widths = [320, 640, 1024, 1600];

    public string OriginalPath(MediaAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return OriginalPath(asset.Hash, asset.Format);
    }

    public string OriginalPath(string hash, string format) => OriginalPath(paths, hash, format);

    public static string OriginalPath(PortalPaths paths, string hash, string format)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Path.Combine(paths.MediaDirectory, "library", $"{hash}.{format}");
    }

    /// <summary>Checks, re-encodes and stores one upload; the same picture uploaded twice is stored once.</summary>
    public async Task<(MediaAsset? Asset, string? Error)> AddAsync(byte[] content, string? fileName, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        // A file byte for byte one of ours (an exported original coming back) is that image, not a new one re-encoded again.
        var raw = ImageIntake.HashOf(content);
        if (await db.MediaAssets.SingleOrDefaultAsync(x => x.Hash == raw, cancellationToken) is { } same) return (same, null);
        var (result, error) = await ImageIntake.AcceptAsync(content, cancellationToken);
        if (result is null) return (null, error);
        return (await StoreAsync(result, fileName, actor, cancellationToken), null);
    }

    /// <summary>Stores an image the intake accepted (or returns the one already stored with that content).</summary>
    public async Task<MediaAsset> StoreAsync(IntakeResult result, string? fileName, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var existing = await db.MediaAssets.SingleOrDefaultAsync(x => x.Hash == result.Hash, cancellationToken);
        if (existing is not null) return existing;

        var asset = new MediaAsset
        {
            Hash = result.Hash, Format = result.Format, Width = result.Width, Height = result.Height, Bytes = result.Content.Length,
            OriginalName = DisplayName(fileName), UploadedAtUtc = clock.GetUtcNow().UtcDateTime, UploadedBy = actor,
        };
        var target = OriginalPath(asset);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = target + MediaFiles.TemporaryMarker + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(temporary, result.Content, cancellationToken);
        File.Move(temporary, target, overwrite: true);
        db.MediaAssets.Add(asset);
        db.Audit(clock, actor, "media-upload", $"Tải ảnh lên: {asset.OriginalName}", $"media/{asset.Hash}");
        await db.SaveChangesAsync(cancellationToken);
        catalog.Forget();
        return asset;
    }

    /// <summary>The user's file name as display text only: no folders, no control or bidirectional characters, bounded length.</summary>
    public static string DisplayName(string? fileName)
    {
        var name = PlainText.Line(fileName, 4096).Replace('\\', '/');
        name = PlainText.Line(Path.GetFileName(name), 200);
        return name.Length == 0 ? "anh" : name;
    }

    public const int MaxAltLength = 300;
    public const int MaxCaptionLength = 500;

    /// <summary>Alt text or a caption as stored with an image: one clean line (no bidirectional controls), or null when empty.</summary>
    public static string? Describe(string? text, int maxLength) => PlainText.Line(text, maxLength) is { Length: > 0 } line ? line : null;

    public void Forget() => catalog.Forget();

    /// <summary>The original and every rendition of a deleted image (files in use by a request are left for next time).</summary>
    public void DeleteFiles(MediaAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var renditions = Path.Combine(paths.MediaDirectory, "renditions");
        var files = Directory.Exists(renditions) ? Directory.EnumerateFiles(renditions, asset.Hash + "-*") : [];
        foreach (var file in files.Append(OriginalPath(asset)))
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

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

    private string PathOf(string hash, int width, string extension) => Path.Combine(paths.MediaDirectory, "renditions", $"{hash}-{width}.{extension}");

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

public static class MediaEndpoints
{
    /// <summary>/anh/{hash}-{width}.{webp|jpg}: a library image at one of the fixed widths; the hash makes the URL immutable.</summary>
    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Only singletons here: a scoped MediaLibrary would build a DbContext per image request, which measured as most of its cost.
        endpoints.MapGet("/anh/{file}", async (string file, PortalPaths paths, MediaCatalog catalog, RenditionStore renditions, HttpContext http) =>
        {
            var match = MediaRefs.RenditionAddress().Match("/anh/" + file);
            if (!match.Success || !int.TryParse(match.Groups[2].Value, out var width) || !MediaLibrary.Widths.Contains(width)) return Results.NotFound();
            var hash = match.Groups[1].Value;
            if (!catalog.All().TryGetValue(hash, out var info)) return Results.NotFound();
            var original = MediaLibrary.OriginalPath(paths, hash, info.Format);
            if (!File.Exists(original)) return Results.NotFound();
            if (await renditions.GetBytesAsync(original, hash, width, match.Groups[3].Value) is not { } bytes) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(bytes, match.Groups[3].Value == "webp" ? "image/webp" : "image/jpeg");
        });
        return endpoints;
    }

    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<MediaLibrary>();
        builder.Services.AddSingleton<MediaCatalog>();
        builder.Services.AddSingleton<RenditionStore>();
        builder.Services.AddHostedService<MediaFiles>();
        return builder;
    }
}
