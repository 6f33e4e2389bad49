using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>An editor's group of synonyms as written ("sáp nhập = hợp nhất", or with commas) and as stored.</summary>
public static class SynonymPhrases
{
    private static readonly char[] Separators = ['=', ',', ';', '\n', '\r'];

    public static IReadOnlyList<string> Split(string? terms) =>
        (terms ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => VietnameseText.SingleSpaced(VietnameseText.Nfc(p)))
            .Where(p => p.Length > 0)
            .ToList();

    /// <summary>The group to store (" = "-joined, each phrase once), or a Vietnamese message saying what is wrong.</summary>
    public static (string? Terms, string? Error) Parse(string? input)
    {
        var phrases = Split(InputLimits.StripBidi(input ?? "")).DistinctBy(p => SearchTerms.KeyOf(p), StringComparer.Ordinal).ToList();
        if (phrases.Count < 2) return (null, "Hãy viết ít nhất hai từ cùng nghĩa, cách nhau bởi dấu “=”, ví dụ: sáp nhập = hợp nhất.");
        if (phrases.Count > SearchInsightLimits.PhrasesPerGroup) return (null, $"Một nhóm có nhiều nhất {SearchInsightLimits.PhrasesPerGroup} từ.");
        if (phrases.FirstOrDefault(p => p.Length > SearchInsightLimits.Phrase) is { } tooLong) return (null, $"“{tooLong[..20]}…” dài quá {SearchInsightLimits.Phrase} ký tự.");
        if (phrases.FirstOrDefault(p => SearchTerms.KeyOf(p).All(c => !char.IsLetterOrDigit(c))) is { } empty) return (null, $"“{empty}” không có chữ nào để tìm.");
        var terms = string.Join(" = ", phrases);
        return terms.Length > SearchInsightLimits.Terms ? (null, $"Nhóm từ dài quá {SearchInsightLimits.Terms} ký tự.") : (terms, null);
    }
}
