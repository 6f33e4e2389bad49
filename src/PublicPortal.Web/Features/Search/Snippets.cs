using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Marks the query's words in an item's own (accented) text and cuts the best passages around them. The text's words are
/// folded as the index folds them, so "lang nghe" marks "làng nghề": by a plain tokenizer when every query word is
/// letters and digits, otherwise by the index's analyser (both give the same snippets on every seed text). This does what
/// Lucene's Highlighter did here, from the words' offsets directly: the Highlighter's per-token fragment and scorer
/// objects measured at three times the cost of the analysis itself, a quarter of a whole search.
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
        if (words is HashSet<string> set && set.All(IsPlainWord) && set.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup))
        {
            PlainWords(analysed, lookup, starts, marks);
        }
        else
        {
            Analysed(analyzer, field, analysed, words, starts, marks);
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

    private static void Analysed(Analyzer analyzer, string field, string text, IReadOnlySet<string> words, List<int> starts, List<(int Start, int End, string Word)> marks)
    {
        using var stream = analyzer.GetTokenStream(field, text);
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

    /// <summary>A query word of ASCII letters and digits only (after folding): the plain tokenizer finds it as the analyser would.</summary>
    private static bool IsPlainWord(string word) => word.Length > 0 && word.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// The words of the text as runs of letters and digits, each folded as the index folds it (lower case, marks
    /// removed, đ → d), with their offsets: for Vietnamese prose the analyser's tokens, at a fraction of its cost (the
    /// StandardTokenizer and two filters over each hit's text were half of an uncached search). Used only when every
    /// query word is plain letters and digits, so tokens the two would cut differently ("3.073") are never marked.
    /// </summary>
    private static void PlainWords(string text, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> words, List<int> starts, List<(int Start, int End, string Word)> marks)
    {
        Span<char> folded = stackalloc char[64];
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            var length = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (!IsWordChar(c))
                {
                    // Word boundaries as the StandardTokenizer draws them (UAX #29): one "." ' ’ or ":" between letters, or one
                    // "." "," or ";" between digits, stays inside the word ("en.wikipedia.org", "3.073").
                    if (i + 1 >= text.Length || i == start || !Joins(text[i - 1], c, text[i + 1])) break;
                }
                if ((c < 0x300 || char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark) && length < folded.Length) folded[length++] = Fold(c);
                i++;
            }
            starts.Add(start);
            if (i - start <= folded.Length && words.TryGetValue(folded[..length], out var word)) marks.Add((start, i, word));
        }
    }

    private static bool IsWordChar(char c) => c < 128 ? char.IsAsciiLetterOrDigit(c) || c == '_' : char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c)
        is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.ConnectorPunctuation; // "_" joins, as in UAX #29

    private static bool Joins(char before, char middle, char after) =>
        (char.IsLetter(before) && char.IsLetter(after) && middle is '.' or '\'' or '’' or ':' or '·')
        || (char.IsDigit(before) && char.IsDigit(after) && middle is '.' or ',' or ';' or '\'' or '’');

    private static char Fold(char c) => c < 128 ? (c is >= 'A' and <= 'Z' ? (char)(c + 32) : c) : c < Folds.Length ? Folds[c] : char.ToLowerInvariant(c);

    /// <summary>Each character below U+2500 folded alone (Latin with every Vietnamese letter, Greek, Cyrillic): one lookup per character.</summary>
    private static readonly char[] Folds = BuildFolds();

    private static char[] BuildFolds()
    {
        var table = new char[0x2500];
        for (var c = 0; c < table.Length; c++)
        {
            var folded = Content.VietnameseText.Fold(((char)c).ToString());
            table[c] = folded.Length == 1 ? folded[0] : char.ToLowerInvariant((char)c);
        }
        return table;
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
