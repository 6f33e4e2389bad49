namespace PublicPortal.Web.Features.Content;

/// <summary>The YAML header of a content file. Keys are snake_case; unknown keys are errors, so typos are caught.</summary>
public sealed class FrontMatterDto
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Status { get; set; }
    public string? Published { get; set; }

    /// <summary>When the item comes down by itself (an announcement's deadline), written like <see cref="Published"/>.</summary>
    public string? Unpublish { get; set; }

    /// <summary>"month" or "year" when the source gives no day (the item is shown as "tháng 10/2022", "năm 2019").</summary>
    public string? DatePrecision { get; set; }
    /// <summary>The day by which an editor should check the item (yyyy-MM-dd); none: the kind's default.</summary>
    public string? ReviewBy { get; set; }

    public string? Cover { get; set; }
    public string? CoverAlt { get; set; }
    public long? Views { get; set; }
    public List<SourceDto>? Sources { get; set; }
    public string? DocumentType { get; set; }
    public string? Number { get; set; }
    public string? Issuer { get; set; }
    public string? Signer { get; set; }
    public string? Issued { get; set; }
    public string? Effective { get; set; }
    public string? Attachment { get; set; }
    public string? Period { get; set; }
    public string? Parent { get; set; }
    public string? Document { get; set; }
    public List<TargetDto>? Targets { get; set; }
    public List<TaskDto>? Tasks { get; set; }
    public List<PhotoDto>? Photos { get; set; }
    public LocalityDto? Locality { get; set; }
    public CraftDto? Craft { get; set; }
    public VillageDto? Village { get; set; }
    public ProductDto? Product { get; set; }
    public SightDto? Sight { get; set; }
    public RouteDto? Route { get; set; }
    public EventDto? Event { get; set; }

    /// <summary>The English version, shown under /en/; an item without one says so there and links to the Vietnamese.</summary>
    public EnglishDto? English { get; set; }
}
