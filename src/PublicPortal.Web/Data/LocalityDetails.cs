namespace PublicPortal.Web.Data;

// Catalogue details hang off ContentItem as JSON documents, one per kind: the catalogue is small (tens to hundreds
// of rows), its shapes differ per kind, and pages filter it in memory after one query.
public sealed class LocalityDetails
{
    /// <summary>District or town before the July 2025 reorganisation ("Huyện Bắc Bình").</summary>
    public required string District { get; set; }

    /// <summary>The post-July-2025 unit where known ("Xã Bắc Bình").</summary>
    public string? NewName { get; set; }

    /// <summary>False while the new name comes from an unofficial source.</summary>
    public bool NewNameConfirmed { get; set; }
}
