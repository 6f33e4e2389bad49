using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Hosting;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Database, search index and uploaded media. Relative paths are taken from the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Seed content imported on first start; when empty, the nearest "content" folder above the app is used.</summary>
    public string? ContentDirectory { get; set; }

    [Range(1, 100)]
    public int PageSize { get; set; } = 10;

    [Range(1, 50)]
    public int OtherItemsPageSize { get; set; } = 5;

    /// <summary>Villages, products, sights and routes per page of their lists (a national catalogue lists thousands).</summary>
    [Range(1, 500)]
    public int CataloguePageSize { get; set; } = 24;

    /// <summary>The site's public address (scheme and host, no path): every absolute URL the site writes starts with it.</summary>
    [Required]
    public string PublicOrigin { get; set; } = "http://localhost:5080";

    [Required]
    public AgencyOptions Agency { get; set; } = new();

    /// <summary>Related portals linked from every page's footer and the HTML sitemap, in this order.</summary>
    public List<RelatedPortal> RelatedPortals { get; set; } = [];

    /// <summary>Portal:Media: where uploaded originals and attachments live.</summary>
    public MediaLocationOptions Media { get; set; } = new();
}

public sealed class MediaLocationOptions
{
    /// <summary>
    /// A folder every node sees (a shared mount), for several nodes; by default media/ in the data directory. With it
    /// set, renditions are made by each node into its own data directory, from the shared originals.
    /// </summary>
    public string? Directory { get; set; }
}
