namespace PublicPortal.Web.Data;

public enum ContentKind
{
    News = 1,
    Announcement = 2,
    Plan = 3,
    Document = 4,
    Page = 5,
    Locality = 6,
    Craft = 7,
    Village = 8,
    Product = 9,
    Sight = 10,
    Route = 11,
    Event = 12,
}

public enum ContentStatus
{
    Draft = 0,
    Published = 1,
}

/// <summary>Where an item stands in review: an author's item of a kind that needs review goes through an editor before it is published.</summary>
public enum ReviewState
{
    None = 0,

    /// <summary>Chờ duyệt: sent by its author, waiting for an editor.</summary>
    Submitted = 1,

    /// <summary>Sent back to its author with the editor's comment (<see cref="ContentItem.ReviewNote"/>).</summary>
    Returned = 2,
}

/// <summary>What the date of an item states: the day, or only the month or the year its source gives.</summary>
public enum DatePrecision
{
    Day = 0,
    Month = 1,
    Year = 2,
}

/// <summary>One publishable item. Fields that only some kinds use are nullable; the kind decides which are shown.</summary>
public sealed class ContentItem
{
    public int Id { get; set; }
    public ContentKind Kind { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public string Body { get; set; } = "";
    public ContentStatus Status { get; set; }
    public DateTime PublishedAtUtc { get; set; }

    /// <summary>How much of <see cref="PublishedAtUtc"/> is known: an item dated by its event or source may know only the month or year.</summary>
    public DatePrecision DatePrecision { get; set; }
    public string? CoverImage { get; set; }
    public string? CoverAlt { get; set; }

    /// <summary>
    /// The "views:" of a content file: where the count of an item an import creates starts, and what an export writes.
    /// Not stored in this row (counts live in <see cref="ItemViewCount"/>); null for an item read from the database.
    /// </summary>
    public long? FileViews { get; set; }

    /// <summary>Raised by every save; the concurrency token of the editor.</summary>
    public int Version { get; set; }

    public DateTime? UpdatedAtUtc { get; set; }

    /// <summary>
    /// The day by which an editor should check the item is still right ("review_by:"); null: the kind's default
    /// (<see cref="Features.Content.StaleContent"/>).
    /// </summary>
    public DateOnly? ReviewBy { get; set; }

    /// <summary>When a published item comes down by itself (an announcement with a deadline); null: it stays.</summary>
    public DateTime? UnpublishAtUtc { get; set; }

    /// <summary>Review workflow state; not content, so not in the item's file (an import leaves a draft a draft).</summary>
    public ReviewState Review { get; set; }

    /// <summary>The editor's comment when the item was sent back.</summary>
    public string? ReviewNote { get; set; }

    public List<SourceRef> Sources { get; set; } = [];

    /// <summary>The English version (all three, or none: an English page is never half-translated); shown under /en/.</summary>
    public string? TitleEn { get; set; }
    public string? SummaryEn { get; set; }
    public string? BodyEn { get; set; }

    /// <summary>Whether the item has an English version.</summary>
    public bool HasEnglish => TitleEn is not null;

    /// <summary>Title, number, issuer and summary folded to ASCII lower case, so plain-LIKE search ignores diacritics.</summary>
    public string SearchText { get; set; } = "";

    // Legal documents (and plans, which are issued as documents too).
    public string? DocumentType { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Issuer { get; set; }
    public string? Signer { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? EffectiveOn { get; set; }
    public string? Attachment { get; set; }

    // Programme plans.
    public string? Period { get; set; }
    public string? ParentSlug { get; set; }
    public string? DocumentSlug { get; set; }
    public List<PlanTarget> Targets { get; set; } = [];
    public List<PlanTask> Tasks { get; set; } = [];

    // Catalogue: exactly one of these is set, matching Kind.
    public LocalityDetails? Locality { get; set; }
    public CraftDetails? Craft { get; set; }
    public VillageDetails? Village { get; set; }
    public ProductDetails? Product { get; set; }
    public SightDetails? Sight { get; set; }
    public RouteDetails? Route { get; set; }
    public EventDetails? Event { get; set; }
    public List<Photo> Photos { get; set; } = [];
}

public sealed class SourceRef
{
    public required string Title { get; set; }
    public string? Url { get; set; }
}

/// <summary>One target of a plan, measured as an indicator: from the catalogue (<see cref="Measure"/>) or from figures editors enter each year.</summary>
public sealed class PlanTarget
{
    public int Number { get; set; }

    /// <summary>"a", "b", "c": one measurable part of a composite target (target 2: crafts, villages, tourism villages); null for a whole one.</summary>
    public string? Part { get; set; }
    public required string Text { get; set; }
    public string? Indicator { get; set; }

    /// <summary>The target in words, as the plan states it ("trên 80%").</summary>
    public string? Value { get; set; }
    public int? Deadline { get; set; }

    /// <summary>"%", "làng nghề", "lần", "%/năm"…</summary>
    public string? Unit { get; set; }

    /// <summary>The target as a number, to measure progress against; null: not measurable.</summary>
    public decimal? Goal { get; set; }

    /// <summary>"Trên 80%": reached only above the goal, not at it.</summary>
    public bool Exceed { get; set; }

    /// <summary>A yearly rate (growth per year): each year is judged against the goal itself, not against a line.</summary>
    public bool Rate { get; set; }

    /// <summary>Computed from the catalogue (see ProgressTracker's measures); null: entered by editors in <see cref="Values"/>.</summary>
    public string? Measure { get; set; }

    public decimal? BaselineValue { get; set; }
    public int? BaselineYear { get; set; }

    /// <summary>The corresponding target of the national programme (Quyết định 801/QĐ-TTg), in words.</summary>
    public string? National { get; set; }

    public List<IndicatorValue> Values { get; set; } = [];
}

/// <summary>A yearly figure entered by an editor, with where it comes from.</summary>
public sealed class IndicatorValue
{
    public int Year { get; set; }
    public decimal Value { get; set; }
    public required string Source { get; set; }
    public string? SourceUrl { get; set; }
    public DateOnly? Updated { get; set; }
}

public sealed class PlanTask
{
    public int Number { get; set; }
    public required string Text { get; set; }
    public required string Agency { get; set; }

    /// <summary>"Chưa bắt đầu", "Đang thực hiện" or "Hoàn thành" (ProgressTracker.TaskStatuses).</summary>
    public string? Status { get; set; }

    /// <summary>Words that find the task's news in search ("du lịch làng nghề"): the latest are shown beside it.</summary>
    public string? Topic { get; set; }
}
