namespace PublicPortal.Web.Data;

/// <summary>
/// What readers searched for on one day (Vietnam time): the words, folded, how often, and how many results they found
/// the last time. Never who searched, from where, or when within the day.
/// </summary>
public sealed class SearchQueryDay
{
    public DateOnly Day { get; set; }

    /// <summary>The words folded and lower-cased ("gom bau truc"): one row for "Gốm Bàu Trúc" and "gom bau truc".</summary>
    public required string Query { get; set; }

    /// <summary>The words as last typed (lower case), for the report.</summary>
    public required string Text { get; set; }

    public int Searches { get; set; }

    /// <summary>Results the last search of the day found (0: the "no results" report).</summary>
    public int Results { get; set; }
}

/// <summary>Words an editor says mean the same to a reader ("sáp nhập = hợp nhất"): a search for one also finds the others.</summary>
public sealed class SearchSynonym
{
    public int Id { get; set; }

    /// <summary>The phrases, as written, joined by " = ".</summary>
    public required string Terms { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>An item an editor puts first for a query ("Kết quả được đề xuất"), whatever the ranking says.</summary>
public sealed class SearchPin
{
    public int Id { get; set; }

    /// <summary>The query folded, as <see cref="SearchQueryDay.Query"/>.</summary>
    public required string Query { get; set; }

    /// <summary>The query as the editor wrote it.</summary>
    public required string Text { get; set; }

    public int ContentItemId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
}

public static class SearchInsightLimits
{
    /// <summary>Longer queries are pasted text, not words to learn from, and may hold what a reader would not publish.</summary>
    public const int Query = 100;
    public const int Terms = 500;
    public const int Phrase = 60;
    public const int PhrasesPerGroup = 8;
    public const int Groups = 500;
    public const int PinsPerQuery = 5;
    public const int Pins = 500;
}
