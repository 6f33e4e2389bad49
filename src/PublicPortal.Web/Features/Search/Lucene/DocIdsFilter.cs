using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace PublicPortal.Web.Features.Search;

/// <summary>Lets through only the given top-level document numbers (sorted), segment by segment.</summary>
internal sealed class DocIdsFilter(int[] sortedDocs) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = context.AtomicReader.MaxDoc;
        var bits = new FixedBitSet(max);
        var from = Array.BinarySearch(sortedDocs, context.DocBase);
        for (var i = from < 0 ? ~from : from; i < sortedDocs.Length && sortedDocs[i] < context.DocBase + max; i++)
            bits.Set(sortedDocs[i] - context.DocBase);
        return bits;
    }
}
