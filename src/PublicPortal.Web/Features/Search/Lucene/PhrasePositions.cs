using Lucene.Net.Index;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Where the query's words stand in one field of a segment's documents, visited in increasing order: <see cref="Spread"/>
/// is how far the words are from standing together in the query's order (0: the exact phrase), as a sloppy phrase measures it.
/// </summary>
internal sealed class PhrasePositions
{
    private readonly DocsAndPositionsEnum?[] _postings;
    private readonly List<int>[] _positions;

    public PhrasePositions(AtomicReader reader, string field, List<string> tokens)
    {
        _postings = tokens.Select(t => reader.GetTermPositionsEnum(new Term(field, t))).ToArray();
        _positions = tokens.Select(_ => new List<int>()).ToArray();
    }

    /// <summary>The smallest spread of (position − place in the query) over one occurrence of each word; int.MaxValue if a word is missing.</summary>
    public int Spread(int doc)
    {
        for (var i = 0; i < _postings.Length; i++)
        {
            var postings = _postings[i];
            if (postings is null || (postings.DocID >= doc ? postings.DocID : postings.Advance(doc)) != doc) return int.MaxValue;
            _positions[i].Clear();
            for (var n = postings.Freq; n > 0; n--) _positions[i].Add(postings.NextPosition() - i);
        }
        // Smallest range holding one value of each (sorted) list: advance the list whose value is lowest.
        var at = new int[_positions.Length];
        var best = int.MaxValue;
        while (true)
        {
            int low = 0, lowValue = int.MaxValue, high = int.MinValue;
            for (var i = 0; i < _positions.Length; i++)
            {
                var value = _positions[i][at[i]];
                if (value < lowValue) (low, lowValue) = (i, value);
                high = Math.Max(high, value);
            }
            best = Math.Min(best, high - lowValue);
            if (best == 0 || ++at[low] == _positions[low].Count) return best;
        }
    }
}
