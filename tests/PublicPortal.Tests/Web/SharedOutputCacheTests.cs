using System.Net;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Two nodes on one PostgreSQL database and one Redis (ConnectionStrings:Redis): the output cache is one store, so a
/// page stored by one node is served by the other without rendering it, and an edit evicts it for both.
/// </summary>
public sealed class SharedOutputCacheTests : IAsyncLifetime
{
    private readonly PortalFactory _first = new() { Provider = DatabaseProvider.PostgreSql, UseRedis = true };
    private PortalFactory _second = null!;

    public Task InitializeAsync()
    {
        _second = _first.NextNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_page_cached_by_one_node_is_served_by_the_other_and_an_edit_shows_on_both_within_two_seconds()
    {
        var firstReader = _first.CreateReader();
        var secondReader = _second.CreateReader();
        var page = await _first.FirstPublishedAsync(ContentKind.Page);
        var url = "/" + page.Slug;

        var stored = await firstReader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        var tag = stored.Headers.ETag?.Tag;
        Assert.NotNull(tag);
        // Each stored copy gets a tag of its own: the same tag from the other node is the first node's copy.
        var served = await secondReader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(tag, served.Headers.ETag?.Tag);

        Assert.IsType<SaveOutcome.Saved>(await _first.EditAsync(page.Id, i => { i.Summary = "Tóm tắt sửa trên máy thứ nhất."; return i; }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var reader in new[] { firstReader, secondReader })
        {
            var shown = false;
            while (!shown && clock.Elapsed < TimeSpan.FromSeconds(2))
            {
                shown = (await reader.GetStringAsync(url)).Contains("Tóm tắt sửa trên máy thứ nhất.", StringComparison.Ordinal);
                if (!shown) await Task.Delay(50);
            }
            Assert.True(shown, $"a node still showed the old page {clock.Elapsed.TotalMilliseconds:N0} ms after the edit");
        }
    }
}
