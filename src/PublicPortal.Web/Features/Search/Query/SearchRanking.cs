using Lucene.Net.Index;
using Lucene.Net.Search;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Search;

/// <summary>The rescoring of the best hits: phrase and diacritic boosts, and the weight of an item's type and age.</summary>
internal static class SearchRanking
{
    /// <summary>
    /// Phrase and diacritic boosts, applied to the best hits only (a rescoring pass): the words together in order exact in
    /// the title (+0.75), nearly in the title (+0.25, within two moves), exact anywhere (+0.5); each word typed with its
    /// diacritics and found with them (+0.3 shared among the words). Each candidate's postings are reached by skipping
    /// straight to it: a phrase query would check positions in every item between two candidates when the words are common.
    /// </summary>
    public static Dictionary<int, float> PhraseFactors(IndexReader reader, ScoreDoc[] hits, List<string> folded, List<string> exact)
    {
        var factors = hits.ToDictionary(h => h.Doc, _ => 1f);
        var accented = Enumerable.Range(0, Math.Min(folded.Count, exact.Count)).Where(i => exact[i] != folded[i]).Select(i => exact[i]).ToList();
        if (folded.Count < 2 && accented.Count == 0) return factors;
        foreach (var segment in hits.Select(h => h.Doc).Order().GroupBy(doc => ReaderUtil.SubIndex(doc, reader.Leaves)))
        {
            var leaf = reader.Leaves[segment.Key];
            var docs = segment.Select(doc => doc - leaf.DocBase).ToArray();
            if (folded.Count >= 2)
            {
                var title = new PhrasePositions(leaf.AtomicReader, SearchFields.Title, folded);
                var all = new PhrasePositions(leaf.AtomicReader, SearchFields.All, folded);
                foreach (var doc in docs)
                {
                    var spread = title.Spread(doc);
                    if (spread == 0) factors[leaf.DocBase + doc] += 0.75f;
                    if (spread <= 2) factors[leaf.DocBase + doc] += 0.25f;
                    if (all.Spread(doc) == 0) factors[leaf.DocBase + doc] += 0.5f;
                }
            }
            foreach (var word in accented)
            {
                var postings = leaf.AtomicReader.GetTermDocsEnum(new Term(SearchFields.AllExact, word));
                if (postings is null) continue;
                foreach (var doc in docs)
                    if ((postings.DocID >= doc ? postings.DocID : postings.Advance(doc)) == doc) factors[leaf.DocBase + doc] += 0.3f / folded.Count;
            }
        }
        return factors;
    }

    /// <summary>
    /// News and announcements of the last year or so rank slightly higher (at most +15%); a village, product, sight or
    /// route — the page a visitor usually wants — gets +15% over articles that only mention it.
    /// </summary>
    public static float Weight(ContentKind kind, long publishedTicks, DateTime nowUtc)
    {
        if (kind is ContentKind.Village or ContentKind.Product or ContentKind.Sight or ContentKind.Route) return 1.15f;
        if (kind is not (ContentKind.News or ContentKind.Announcement)) return 1f;
        var published = new DateTime(publishedTicks, DateTimeKind.Utc);
        var ageDays = Math.Max(0, (nowUtc - published).TotalDays);
        return 1f + 0.15f * (float)Math.Exp(-ageDays / 365);
    }
}
