using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Data;

/// <summary>
/// A national import names tens of thousands of items in one query (their revision numbers, the search index's items):
/// with one SQL parameter per id, 33,000 of them passed SQLite's limit of 32,766 variables and the import died with
/// "too many SQL variables". The site passes a list as one parameter.
/// </summary>
public sealed class LargeListQueryTests
{
    [Fact]
    public async Task A_query_naming_forty_thousand_items_runs()
    {
        await using var site = new PortalFactory();
        var ids = Enumerable.Range(1, 40_000).ToList();
        var found = 0;
        var revisions = 0;
        await site.WithDbAsync(async db =>
        {
            found = await db.ContentItems.CountAsync(x => ids.Contains(x.Id));
            revisions = await db.Revisions.Where(r => ids.Contains(r.ContentItemId)).GroupBy(r => r.ContentItemId).CountAsync();
        });
        Assert.True(found > 50, $"found {found}");
        Assert.Equal(found, revisions); // every imported item has its first revision
    }
}
