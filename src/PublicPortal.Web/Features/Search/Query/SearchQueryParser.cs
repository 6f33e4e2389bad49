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
        // Cut before normalising, and never through a character: a lone surrogate cannot be normalised (it threw, a 500).
        var text = WholeCharacters(Cut((query ?? "").Trim()));
        return Cut(VietnameseText.Nfc(text));
    }

    private static string Cut(string text) =>
        text.Length <= MaxQueryLength ? text : text[..(char.IsHighSurrogate(text[MaxQueryLength - 1]) ? MaxQueryLength - 1 : MaxQueryLength)];

    /// <summary>The text without unpaired surrogates (half an emoji, from a client that cut one).</summary>
    private static string WholeCharacters(string text)
    {
        if (!text.Any(char.IsSurrogate)) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(text[i]).Append(text[++i]);
            else if (!char.IsSurrogate(text[i])) sb.Append(text[i]);
        }
        return sb.ToString();
    }

    /// <summary>The first words of <paramref name="text"/> as <paramref name="analyzer"/> cuts them for <paramref name="field"/>.</summary>
    public static List<string> Words(Analyzer analyzer, string field, string text) => SearchAnalyzer.Tokens(analyzer, field, text).Take(MaxTokens).ToList();
}
