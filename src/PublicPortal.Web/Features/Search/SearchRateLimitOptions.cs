using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Search;

/// <summary>Searches one client (an IPv4 address, an IPv6 /64) may make per window; beyond them, 429.</summary>
public sealed class SearchRateLimitOptions
{
    public const string Section = "Portal:Search";

    /// <summary>/tim-kiem pages per window: well above a reader paging through results, well below a scraper.</summary>
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 120;

    /// <summary>/api/search/suggest calls per window (the search box asks as one types).</summary>
    [Range(1, 100_000)]
    public int SuggestPermitLimit { get; set; } = 300;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}
