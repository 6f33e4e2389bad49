using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>Portal:OutputCache — the cache every anonymous public page is served from.</summary>
public sealed class OutputCacheSettings
{
    public const string Section = "Portal:OutputCache";

    /// <summary>Off only to measure the site without it (the benchmark's "uncached" rows).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The whole cache, in bytes of page bodies: beyond it the least used entries go.</summary>
    [Range(1, 64 * 1024)]
    public long SizeLimitMegabytes { get; set; } = 128;

    /// <summary>A larger response (a national open-data file) is served but not kept.</summary>
    [Range(1, 1024)]
    public long MaximumBodyMegabytes { get; set; } = 16;

    /// <summary>The compressed copies as last sent, with their figures (<see cref="CachedRenditions"/>), in bytes.</summary>
    [Range(1, 64 * 1024)]
    public long RenditionsMegabytes { get; set; } = 64;
}
