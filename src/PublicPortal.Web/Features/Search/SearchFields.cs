namespace PublicPortal.Web.Features.Search;

public static class SearchFields
{
    /// <summary>Stored only: how much of the date is known (a result never shows a day its source does not give).</summary>
    public const string DatePrecision = "date_precision";
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Slug = "slug";
    public const string Url = "url";
    public const string Title = "title";
    public const string TitleExact = "title_exact";
    public const string Summary = "summary";

    /// <summary>Title, summary, names around the item and body in one folded field: one posting list per word to score, not four.</summary>
    public const string All = "all";
    public const string AllExact = "all_exact";
    public const string Number = "number";
    public const string District = "district";
    public const string DistrictKey = "district_key";
    public const string Published = "published";
    public const string KindNumber = "kind_number";
    public const string Text = "text";
}
