using Lucene.Net.Analysis;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>The reader's text as the query pipeline takes it: trimmed, NFC, bounded in length and in words.</summary>
internal static class SearchQueryParser
{
    public const int MaxQueryLength = 200;
    private const int MaxTokens = 12;

    public static string Normalize(string? query)
    {
        var text = VietnameseText.Nfc((query ?? "").Trim());
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    /// <summary>The first words of <paramref name="text"/> as <paramref name="analyzer"/> cuts them for <paramref name="field"/>.</summary>
    public static List<string> Words(Analyzer analyzer, string field, string text) => SearchAnalyzer.Tokens(analyzer, field, text).Take(MaxTokens).ToList();
}
