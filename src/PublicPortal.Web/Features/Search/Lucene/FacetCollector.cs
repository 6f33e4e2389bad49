using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>Counts hits per type and per district from doc values: per segment by ordinal, turned into names once per segment.</summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int> _kinds = [];
    private readonly Dictionary<string, int> _districts = [];
    private (SortedDocValues? Values, int[] Counts) _kind = (null, []);
    private (SortedDocValues? Values, int[] Counts) _district = (null, []);

    public IReadOnlyDictionary<ContentKind, int> Kinds
    {
        get
        {
            Flush();
            return _kinds.ToDictionary(kv => Enum.Parse<ContentKind>(kv.Key), kv => kv.Value);
        }
    }

    public IReadOnlyDictionary<string, (string, int)> Districts
    {
        get
        {
            Flush();
            return _districts.ToDictionary(kv => VietnameseText.Slugify(kv.Key), kv => (kv.Key, kv.Value));
        }
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Flush();
        _kind = Start(context.AtomicReader.GetSortedDocValues(SearchFields.Kind));
        _district = Start(context.AtomicReader.GetSortedDocValues(SearchFields.DistrictKey));
    }

    public void Collect(int doc)
    {
        Count(_kind, doc);
        Count(_district, doc);
    }

    private static (SortedDocValues?, int[]) Start(SortedDocValues? values) => (values, values is null ? [] : new int[values.ValueCount]);

    private static void Count((SortedDocValues? Values, int[] Counts) segment, int doc)
    {
        if (segment.Values is null) return;
        var ord = segment.Values.GetOrd(doc);
        if (ord >= 0) segment.Counts[ord]++;
    }

    private void Flush()
    {
        Drain(ref _kind, _kinds);
        Drain(ref _district, _districts);
    }

    private static void Drain(ref (SortedDocValues? Values, int[] Counts) segment, Dictionary<string, int> totals)
    {
        if (segment.Values is null) return;
        var scratch = new BytesRef();
        for (var ord = 0; ord < segment.Counts.Length; ord++)
        {
            if (segment.Counts[ord] == 0) continue;
            segment.Values.LookupOrd(ord, scratch);
            var key = scratch.Utf8ToString();
            totals[key] = totals.GetValueOrDefault(key) + segment.Counts[ord];
        }
        segment = (null, []);
    }
}
