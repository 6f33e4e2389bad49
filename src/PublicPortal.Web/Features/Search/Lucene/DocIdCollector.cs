using Lucene.Net.Index;
using Lucene.Net.Search;

namespace PublicPortal.Web.Features.Search;

/// <summary>Records the matching top-level document numbers, in order.</summary>
internal sealed class DocIdCollector : ICollector
{
    private int _docBase;

    public List<int> Docs { get; } = [];

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => _docBase = context?.DocBase ?? 0;

    public void Collect(int doc) => Docs.Add(_docBase + doc);
}
