using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Search;

public sealed record SearchHit(ContentKind Kind, string Url, string TitleHtml, string SnippetHtml, DateTime PublishedAtUtc, string? District, DatePrecision DatePrecision = DatePrecision.Day);
