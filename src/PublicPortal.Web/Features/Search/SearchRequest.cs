using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Search;

/// <param name="AsTyped">Search the words as typed: no word is taken for a typo of another (the reader chose "Tìm chính xác").</param>
public sealed record SearchRequest(string Query, ContentKind? Kind = null, string? DistrictKey = null, int Page = 1, int PageSize = 10, bool AsTyped = false);
