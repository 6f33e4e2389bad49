using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Search;

public sealed record Suggestion(string Title, string Url, ContentKind Kind);
