using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Search;

/// <summary>Writes through the application's write path show in search at once; a broken index heals itself on start.</summary>
[Collection(TimingSensitive.Name)]
public sealed class SearchFreshnessTests : IDisposable
{
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders) RepositoryPaths.DeleteQuietly(folder);
    }

    private static async Task<List<string>> HitsAsync(HttpClient client, string query)
    {
        var (_, _, document) = await Html.GetAsync(client, "/tim-kiem?q=" + Uri.EscapeDataString(query));
        return document.QuerySelectorAll("ol.results h3 a").Select(a => a.GetAttribute("href")!).ToList();
    }

    private string Folder(string name, string text)
    {
        var folder = RepositoryPaths.NewTempDirectory("portal-fresh");
        _folders.Add(folder);
        Directory.CreateDirectory(Path.Combine(folder, "news"));
        File.WriteAllText(Path.Combine(folder, "news", name + ".md"), text);
        return folder;
    }

    [Fact]
    public async Task Publishing_and_unpublishing_show_in_search_within_a_second()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreateReader();
        Assert.Empty(await HitsAsync(client, "xylophone"));

        var published = Folder("tin-xylophone", "---\ntitle: Đàn xylophone tre ở Phan Hòa\npublished: 2026-11-01\n---\nTin thử.\n");
        var watch = Stopwatch.StartNew();
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ContentTransfer>().ImportAsync(published);
        Assert.Equal(["/tin-tuc/tin-xylophone"], await HitsAsync(client, "xylophone"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"visible after {watch.ElapsedMilliseconds} ms");

        var draft = Folder("tin-xylophone", "---\ntitle: Đàn xylophone tre ở Phan Hòa\npublished: 2026-11-01\nstatus: draft\n---\nTin thử.\n");
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ContentTransfer>().ImportAsync(draft);
        Assert.Empty(await HitsAsync(client, "xylophone"));
    }

    [Fact]
    public async Task A_scheduled_item_is_found_only_once_its_time_has_come()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreateReader();
        var scheduled = Folder("tin-hen-gio", "---\ntitle: Hội chợ marimba làng nghề\npublished: 2026-11-29T09:00:00+07:00\n---\nSắp diễn ra.\n");
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ContentTransfer>().ImportAsync(scheduled);

        Assert.Empty(await HitsAsync(client, "marimba")); // and that page is in the output cache now
        await factory.AdvanceClockAsync(TimeSpan.FromDays(1)); // the scheduler's went-live record evicts that page
        Assert.Equal(["/tin-tuc/tin-hen-gio"], await HitsAsync(client, "marimba"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("empty-segments")]
    [InlineData("locked")]
    public async Task A_corrupt_or_locked_index_is_rebuilt_on_start(string damage)
    {
        // Empty, not seeded: the damage is the only index there is (a seeded copy's newer segments_N would be read past it).
        var factory = new PortalFactory { Seeded = false };
        var index = Path.Combine(factory.DataDirectory, "search-index");
        Directory.CreateDirectory(index);
        switch (damage)
        {
            case "garbage":
                await File.WriteAllBytesAsync(Path.Combine(index, "segments_2"), [0x3f, 0xd7, 0x6c, 0x17, 1, 2, 3]);
                await File.WriteAllTextAsync(Path.Combine(index, "segments.gen"), "not a segments file");
                break;
            case "empty-segments":
                await File.WriteAllBytesAsync(Path.Combine(index, "segments_1"), []);
                break;
            case "locked":
                // A write.lock left by a killed process (native locks die with their process).
                await File.WriteAllTextAsync(Path.Combine(index, "write.lock"), "");
                break;
        }
        await using (factory)
        {
            var client = factory.CreateReader();
            Assert.Contains("/lang-nghe/gom-binh-duc", await HitsAsync(client, "gom binh duc"));
        }
    }

    [Fact]
    public async Task An_index_that_lost_items_is_rebuilt_on_the_next_start()
    {
        var factory = new PortalFactory();
        await using (factory)
        {
            var client = factory.CreateReader();
            Assert.NotEmpty(await HitsAsync(client, "gom"));
            var index = factory.Services.GetRequiredService<PublicPortal.Web.Features.Search.SearchIndex>();
            index.Rebuild([]); // behind the write path's back, as a damaged disk would
            Assert.Equal(0, index.DocumentCount);
            factory.KeepDataOnDispose = true;
        }
        // Same data directory, new process: the database is kept (no re-import), the index holds 0 items and the
        // database ~90, so the start-up check rebuilds it.
        var again = new PortalFactory { ExistingDataDirectory = factory.DataDirectory };
        await using (again)
        {
            var client = again.CreateReader();
            Assert.NotEmpty(await HitsAsync(client, "gom"));
            Assert.True(again.Services.GetRequiredService<PublicPortal.Web.Features.Search.SearchIndex>().DocumentCount > 50);
        }
    }

}
