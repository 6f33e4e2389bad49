using Lucene.Net.Index;
using Lucene.Net.Search;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Passes matches on until it has seen <c>limit</c> of them (0: no limit), then stops the search; the share of the index
/// scanned by then turns the counts into estimates. Needs matches in document order, so it refuses out-of-order scorers.
/// </summary>
internal sealed class SamplingCollector(ICollector inner, int limit, int maxDoc) : ICollector
{
    private int _docBase;
    private int _collected;
    private double _scanned = 1;

    public bool Stopped { get; private set; }

    /// <summary>The number of matches in the whole index, estimated from the share scanned.</summary>
    public int Estimate => Scale(_collected);

    public int Scale(int count) => Stopped ? (int)Math.Round(count / _scanned) : count;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Stopped) throw new CollectionTerminatedException(); // IndexSearcher skips the segment
        _docBase = context.DocBase;
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        inner.Collect(doc);
        if (++_collected < limit || limit == 0) return;
        Stopped = true;
        _scanned = Math.Max(1, _docBase + doc + 1) / (double)Math.Max(1, maxDoc);
        throw new CollectionTerminatedException();
    }
}
