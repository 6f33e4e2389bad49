using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Maps a whole front matter to an item and back: the fields every kind has here, the rest by the kinds' mappers. Reading
/// checks in the order of the file's fields, so a file with several mistakes always reports the same one first.
/// </summary>
internal static class ContentItemMapper
{
    public static ContentItem ToItem(FrontMatterDto dto, string body, ContentKind kind, string fileSlug)
    {
        var title = Required(dto.Title, "title");
        var slug = dto.Slug?.Trim() ?? fileSlug;
        if (!VietnameseText.IsValidSlug(slug))
            throw new ContentFormatException($"slug '{slug}' is not valid: use lower-case ASCII letters, digits and single dashes (e.g. '{VietnameseText.Slugify(slug)}')");

        var status = (dto.Status?.Trim().ToLowerInvariant()) switch
        {
            null or "published" => ContentStatus.Published,
            "draft" => ContentStatus.Draft,
            var other => throw new ContentFormatException($"status '{other}' is not 'published' or 'draft'"),
        };

        var item = new ContentItem
        {
            Kind = kind,
            Slug = slug,
            Title = title,
            Summary = Optional(dto.Summary),
            Body = body,
            Status = status,
            PublishedAtUtc = ParseInstant(Required(dto.Published, "published"), "published"),
            DatePrecision = dto.DatePrecision switch
            {
                null or "day" => Data.DatePrecision.Day,
                "month" => Data.DatePrecision.Month,
                "year" => Data.DatePrecision.Year,
                var other => throw new ContentFormatException($"date_precision '{other}' is not 'day', 'month' or 'year'"),
            },
            ReviewBy = ParseDate(dto.ReviewBy, "review_by"),
            CoverImage = MediaPath(dto.Cover, "cover"),
            CoverAlt = Optional(dto.CoverAlt),
            FileViews = dto.Views is < 0 ? throw new ContentFormatException("views cannot be negative") : dto.Views,
            Sources = (dto.Sources ?? []).Select((s, i) => new SourceRef
            {
                Title = Required(s.Title, $"sources[{i}].title"),
                Url = AbsoluteUrl(s.Url, $"sources[{i}].url"),
            }).ToList(),
        };
        if (Optional(dto.Unpublish) is { } unpublish)
        {
            item.UnpublishAtUtc = ParseInstant(unpublish, "unpublish");
            if (item.UnpublishAtUtc <= item.PublishedAtUtc) throw new ContentFormatException("'unpublish' must be after 'published'");
        }
        ReadEnglish(item, dto.English);
        DocumentMapper.Read(item, dto);
        PlanMapper.Read(item, dto);

        if (kind == ContentKind.Document) DocumentMapper.CheckRequired(item);
        CatalogueMapper.Read(item, dto);
        if (item.CoverImage is not null && item.CoverAlt is null)
            throw new ContentFormatException("'cover_alt' is required when 'cover' is set (alternative text for readers who cannot see the image)");
        return item;
    }

    public static FrontMatterDto ToDto(ContentItem item)
    {
        var dto = new FrontMatterDto
        {
            Title = item.Title,
            Slug = null, // the file name carries the slug
            Summary = item.Summary,
            Status = item.Status == ContentStatus.Draft ? "draft" : "published",
            Published = FormatInstant(item.PublishedAtUtc),
            Unpublish = item.UnpublishAtUtc is { } until ? FormatInstant(until) : null,
            DatePrecision = item.DatePrecision switch
            {
                Data.DatePrecision.Month => "month",
                Data.DatePrecision.Year => "year",
                _ => null,
            },
            ReviewBy = FormatDate(item.ReviewBy),
            Cover = item.CoverImage,
            CoverAlt = item.CoverAlt,
            Views = item.FileViews is null or 0 ? null : item.FileViews,
            Sources = item.Sources.Count == 0 ? null : item.Sources.Select(s => new SourceDto { Title = s.Title, Url = s.Url }).ToList(),
        };
        if (item.HasEnglish) dto.English = new EnglishDto { Title = item.TitleEn, Summary = item.SummaryEn, Body = item.BodyEn is { Length: > 0 } b ? b + "\n" : null };
        DocumentMapper.Write(item, dto);
        PlanMapper.Write(item, dto);
        CatalogueMapper.Write(item, dto);
        return dto;
    }

    /// <summary>An English version is whole: a title, and a summary or a body; never a body without a title.</summary>
    private static void ReadEnglish(ContentItem item, EnglishDto? english)
    {
        if (english is null) return;
        var title = Optional(english.Title);
        var summary = Optional(english.Summary);
        var body = string.IsNullOrWhiteSpace(english.Body) ? null : VietnameseText.Nfc(english.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
        if (title is null && summary is null && body is null) return;
        if (title is null) throw new ContentFormatException("english.title is required when an English summary or body is given");
        if (summary is null && body is null) throw new ContentFormatException("english needs a summary or a body besides its title");
        (item.TitleEn, item.SummaryEn, item.BodyEn) = (title, summary, body);
    }
}
