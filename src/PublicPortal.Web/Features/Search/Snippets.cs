using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Marks the query's words in an item's own (accented) text and cuts the best passages around them. The text is analysed
/// by the index's folding analyser, so "lang nghe" marks "làng nghề". This does what Lucene's Highlighter did here, from the
/// analyser's offsets directly: the Highlighter's per-token fragment and scorer objects measured at three times the cost
/// of the analysis itself, a quarter of a whole search.
/// </summary>
internal static class Snippets
{
    /// <summary>Only the start of long texts is analysed: a snippet from the first few thousand characters is enough.</summary>
    public const int MaxCharsToAnalyze = 6_000;

    /// <summary>
    /// The best <paramref name="fragments"/> passages of about <paramref name="fragmentSize"/> characters (0: the whole text),
    /// in text order, joined by " … ", HTML-encoded with &lt;mark&gt; around each matched word; null when no word matches.
    /// A passage scores one per distinct word it holds, plus a little per repeat.
    /// </summary>
    public static string? Build(Analyzer analyzer, string field, string text, IReadOnlySet<string> words, int fragments, int fragmentSize)
    {
        if (text.Length == 0 || words.Count == 0) return null;
        var analysed = text.Length > MaxCharsToAnalyze ? text[..MaxCharsToAnalyze] : text;
        var starts = new List<int>(); // every word's start: passages begin at word boundaries
        var marks = new List<(int Start, int End, string Word)>();
        using (var stream = analyzer.GetTokenStream(field, analysed))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                starts.Add(offset.StartOffset);
                var word = term.ToString();
                if (words.Contains(word)) marks.Add((offset.StartOffset, offset.EndOffset, word));
            }
            stream.End();
        }
        if (marks.Count == 0) return null;
        if (fragmentSize <= 0) return Mark(text, 0, text.Length, marks);

        // Passages: a new one starts at the first word at least fragmentSize characters after the last start.
        var passages = new List<(int Start, int End)>();
        var from = 0;
        foreach (var start in starts)
        {
            if (start - from < fragmentSize) continue;
            passages.Add((from, start));
            from = start;
        }
        passages.Add((from, analysed.Length));

        var best = passages
            .Select((p, index) => (p.Start, p.End, Index: index, Score: Score(marks, p.Start, p.End)))
            .Where(p => p.Score > 0)
            .OrderByDescending(p => p.Score).ThenBy(p => p.Index)
            .Take(fragments)
            .OrderBy(p => p.Index);
        return string.Join(" … ", best.Select(p => Mark(text, p.Start, p.End, marks).Trim()));
    }

    private static double Score(List<(int Start, int End, string Word)> marks, int start, int end)
    {
        var inside = marks.Where(m => m.Start >= start && m.End <= end).ToList();
        return inside.Select(m => m.Word).Distinct(StringComparer.Ordinal).Count() + 0.01 * inside.Count;
    }

    private static string Mark(string text, int start, int end, List<(int Start, int End, string Word)> marks)
    {
        var html = new StringBuilder(end - start + 32);
        var at = start;
        foreach (var (markStart, markEnd, _) in marks)
        {
            if (markStart < start || markEnd > end) continue;
            html.Append(HtmlTextEncoder.Encode(text[at..markStart])).Append("<mark>").Append(HtmlTextEncoder.Encode(text[markStart..markEnd])).Append("</mark>");
            at = markEnd;
        }
        return html.Append(HtmlTextEncoder.Encode(text[at..end])).ToString();
    }
}
