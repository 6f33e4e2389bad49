using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same image uploaded at the same moment on another node (or in another tab): its file is the same
            // bytes under the same name, and its row is the one to use.
            if (await StoredByAnotherAsync(asset.Hash, cancellationToken) is { } stored) return stored;
            throw;
        }
        catalog.Forget();
        return asset;
    }

    private async Task<MediaAsset?> StoredByAnotherAsync(string hash, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.MediaAssets.AsNoTracking().SingleOrDefaultAsync(x => x.Hash == hash, cancellationToken);
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
        var renditions = paths.RenditionsDirectory;
        var files = Directory.Exists(renditions) ? Directory.EnumerateFiles(renditions, asset.Hash + "-*") : [];
        foreach (var file in files.Append(OriginalPath(asset)))
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
