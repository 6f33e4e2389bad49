using Microsoft.Extensions.Options;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>Absolute locations derived from <see cref="PortalOptions"/> once.</summary>
public sealed class PortalPaths
{
    public PortalPaths(IOptions<PortalOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        DatabaseFile = Path.Combine(DataDirectory, "portal.db");
        MediaIsShared = options.Value.Media.Directory is { Length: > 0 };
        MediaDirectory = MediaIsShared ? Path.GetFullPath(options.Value.Media.Directory!, environment.ContentRootPath) : Path.Combine(DataDirectory, "media");
        RenditionsDirectory = MediaIsShared ? Path.Combine(DataDirectory, "renditions") : Path.Combine(MediaDirectory, "renditions");
        KeysDirectory = Path.Combine(DataDirectory, "keys");
        ContentDirectory = options.Value.ContentDirectory is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : FindAbove(environment.ContentRootPath, "content");
    }

    public string DataDirectory { get; }
    public string DatabaseFile { get; }
    public string MediaDirectory { get; }

    /// <summary>Portal:Media:Directory is set: other nodes write in <see cref="MediaDirectory"/> too.</summary>
    public bool MediaIsShared { get; }

    /// <summary>Resized copies of images, derived from the originals: this node's own when the originals are shared.</summary>
    public string RenditionsDirectory { get; }

    /// <summary>The data-protection key ring (auth cookies, antiforgery tokens): kept, so a restart signs no one out.</summary>
    public string KeysDirectory { get; }
    public string? ContentDirectory { get; }

    /// <summary>The first folder called <paramref name="name"/> in <paramref name="start"/> or above (a source checkout or a published app).</summary>
    public static string? FindAbove(string start, string name)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Resolves a stored media path ("media/x/y.pdf") to a file inside the media directory, or null if it would leave it.</summary>
    public string? ResolveMedia(string? relative)
    {
        if (string.IsNullOrEmpty(relative) || !relative.StartsWith("media/", StringComparison.Ordinal)) return null;
        var full = Path.GetFullPath(Path.Combine(MediaDirectory, relative["media/".Length..]));
        return full.StartsWith(MediaDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }
}
