using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Support;

/// <summary>The test run's seed is a complete, clean data directory, and test sites start on copies of it unless they opt out.</summary>
public sealed class SeededDataTests
{
    [Fact]
    public async Task The_seed_is_migrated_imported_indexed_and_checkpointed()
    {
        var seed = await SeededData.DirectoryAsync();

        Assert.True(File.Exists(Path.Combine(seed, "portal.db")));
        Assert.Empty(Directory.EnumerateFiles(seed, "portal.db-*")); // no -wal or -shm: portal.db alone holds everything
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(seed, "search-index"), "segments_*"));
    }

    [Fact]
    public async Task A_seeded_site_starts_on_a_copy_without_importing_or_indexing_again()
    {
        await using var site = new PortalFactory();
        Assert.True(File.Exists(Path.Combine(site.DataDirectory, "portal.db")), "the copy is in place before the site starts");
        var seedFile = Path.Combine(await SeededData.DirectoryAsync(), "portal.db");
        var before = File.GetLastWriteTimeUtc(seedFile);
        var indexFiles = Directory.GetFiles(Path.Combine(site.DataDirectory, "search-index"), "_*").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(indexFiles);

        var reader = site.CreateReader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri("/lang-nghe/gom-binh-duc", UriKind.Relative))).StatusCode);
        Assert.Contains("/lang-nghe/gom-binh-duc", await reader.GetStringAsync(new Uri("/tim-kiem?q=gom", UriKind.Relative)), StringComparison.Ordinal);

        int items = 0, published = 0;
        await site.WithDbAsync(async db =>
        {
            items = await db.ContentItems.CountAsync();
            published = await db.ContentItems.CountAsync(x => SearchDocument.IndexedKinds.Contains(x.Kind) && x.Status == PublicPortal.Web.Data.ContentStatus.Published);
        });
        Assert.True(items > 90, $"{items} items");
        Assert.Equal(published, site.Services.GetRequiredService<SearchIndex>().DocumentCount);
        Assert.Equal(before, File.GetLastWriteTimeUtc(seedFile)); // the site wrote to its copy, never to the seed
        // A rebuild would have replaced the copied segments; they are all still there.
        Assert.All(indexFiles, name => Assert.True(File.Exists(Path.Combine(site.DataDirectory, "search-index", name!)), name));
    }

    [Fact]
    public async Task An_unseeded_site_starts_on_an_empty_folder()
    {
        await using var site = new PortalFactory { Seeded = false };
        Assert.Empty(Directory.EnumerateFileSystemEntries(site.DataDirectory));
    }

    [Fact]
    public async Task A_seeded_site_with_its_own_content_folder_is_refused()
    {
        await using var site = new PortalFactory { Settings = { ["Portal:ContentDirectory"] = RepositoryPaths.Content } };
        Assert.Throws<InvalidOperationException>(() => site.DataDirectory);
    }
}
