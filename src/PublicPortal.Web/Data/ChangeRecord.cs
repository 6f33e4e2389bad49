namespace PublicPortal.Web.Data;

/// <summary>
/// One committed change to content, written in the same transaction as the change itself: the durable, ordered feed
/// that search, caches and other nodes follow. Handlers are idempotent, so a record applied twice does no harm.
/// </summary>
public sealed class ChangeRecord
{
    /// <summary>Assigned by the database in commit order; each process remembers the last one it applied.</summary>
    public long Sequence { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The item changed; null for a change that is not one item's (an image's description).</summary>
    public int? ContentItemId { get; set; }

    public ContentKind? Kind { get; set; }

    /// <summary>The item's address after the change (the image's hash for media).</summary>
    public required string Slug { get; set; }

    /// <summary>The address it had before, when the change moved it.</summary>
    public string? OldSlug { get; set; }

    /// <summary>One of <see cref="ChangeKinds"/>.</summary>
    public required string Change { get; set; }

    /// <summary>Ids of other items whose pages show this one (its village, its routes, the items using an image), space-separated.</summary>
    public string Touches { get; set; } = "";

    public required string Actor { get; set; }

    public IEnumerable<int> TouchedIds() =>
        Touches.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
}

public static class ChangeKinds
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Published = "published";
    public const string Unpublished = "unpublished";
    public const string Restored = "restored";
    public const string Deleted = "deleted";

    /// <summary>A scheduled item's publication time passed: it became visible without anyone saving it.</summary>
    public const string WentLive = "went-live";

    /// <summary>An image's description changed or it was deleted: the pages showing it change.</summary>
    public const string Media = "media";

    /// <summary>Search synonyms or pinned results changed: search answers differently, nothing else does.</summary>
    public const string SearchTerms = "search-terms";
}
