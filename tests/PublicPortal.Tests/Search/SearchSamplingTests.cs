using Microsoft.Extensions.Logging.Abstractions;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Search;

/// <summary>
/// A query that matches a large part of a big index is counted from a sample ("khoảng") but still ranks the item
/// named by the query first. The thresholds are lowered here so that a thousand items make a "big" index.
/// </summary>
public sealed class SearchSamplingTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = RepositoryPaths.NewTempDirectory("portal-sample");

    public void Dispose() => RepositoryPaths.DeleteQuietly(_folder);

    private static IEnumerable<SearchDocument> Corpus()
    {
        // The named village is the oldest item, so it is indexed last: outside any sample taken in index order.
        yield return new SearchDocument(ContentKind.Village, "gom-binh-duc", "/lang-nghe/gom-binh-duc", "Làng gốm Bình Đức", null,
            "Gốm nặn tay.", "", null, "Huyện Bắc Bình", Now.AddYears(-5));
        for (var i = 0; i < 999; i++)
        {
            var kind = i % 3 == 0 ? ContentKind.Product : ContentKind.News;
            yield return new SearchDocument(kind, $"tin-{i}", $"/tin-tuc/tin-{i}", $"Tin số {i} về hoạt động của tỉnh", null,
                $"Nghề gốm và nghề dệt được nhắc đến trong tin thứ {i}.", "", null, i % 2 == 0 ? "Huyện Bắc Bình" : "Huyện Tuy Phong", Now.AddDays(-i));
        }
    }

    [Fact]
    public void A_broad_query_is_estimated_and_still_ranks_the_named_item_first()
    {
        using var index = new SearchIndex(_folder, NullLogger<SearchIndex>.Instance, sampleAbove: 100, sampleSize: 100);
        index.Rebuild(Corpus());

        var results = index.Search(new SearchRequest("gốm bình đức"), Now);
        Assert.False(results.Approximate); // "đức" is in one item only: counted exactly
        Assert.Equal(1, results.Total);

        results = index.Search(new SearchRequest("gốm"), Now);
        Assert.True(results.Approximate);
        Assert.InRange(results.Total, 800, 1200);
        Assert.Equal("/lang-nghe/gom-binh-duc", results.Hits[0].Url);
        Assert.InRange(results.KindCounts[ContentKind.Product], 250, 420);
        Assert.InRange(results.DistrictCounts["huyen-tuy-phong"].Count, 380, 620);

        var filtered = index.Search(new SearchRequest("gốm", ContentKind.Village), Now);
        Assert.Equal(["/lang-nghe/gom-binh-duc"], filtered.Hits.Select(h => h.Url));
    }

    [Fact]
    public void Below_the_threshold_counts_are_exact()
    {
        using var index = new SearchIndex(_folder, NullLogger<SearchIndex>.Instance);
        index.Rebuild(Corpus());
        var results = index.Search(new SearchRequest("gốm"), Now);
        Assert.False(results.Approximate);
        Assert.Equal(1000, results.Total);
        Assert.Equal(333, results.KindCounts[ContentKind.Product]);
        Assert.Equal("/lang-nghe/gom-binh-duc", results.Hits[0].Url);
    }
}
