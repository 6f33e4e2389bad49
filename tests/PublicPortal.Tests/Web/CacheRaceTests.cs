using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Web;

/// <summary>
/// A reader's page read just before an edit and finished just after the edit's eviction: the output cache stores a
/// page only once its body is written, so without a guard that page would be kept, stale, for the entry's lifetime
/// (ten minutes), and every reader after the edit would get the old text. Seen on two loaded CI nodes as an edit that
/// never reached one node's pages.
/// </summary>
public abstract class CacheRaceTestsOn : IAsyncLifetime
{
    private readonly TaskCompletionSource _rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PortalFactory _factory;

    protected CacheRaceTestsOn(bool redis) => _factory = new PortalFactory
    {
        Provider = redis ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite,
        UseRedis = redis,
        TestServices = services => services.Configure<MvcOptions>(o => o.Filters.Add(new HoldAfterRendering(this))),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _factory.DisposeAsync();
    }

    /// <summary>A request marked X-Hold waits once its page is rendered, before the output cache stores it.</summary>
    private sealed class HoldAfterRendering(CacheRaceTestsOn test) : IAsyncResultFilter
    {
        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            await next();
            if (!context.HttpContext.Request.Headers.ContainsKey("X-Hold")) return;
            test._rendered.TrySetResult();
            await test._release.Task;
        }
    }

    [Fact]
    public async Task A_page_rendered_before_an_edit_and_stored_after_its_eviction_is_not_kept()
    {
        var news = await _factory.FirstPublishedAsync(ContentKind.News);
        var url = ContentKinds.UrlOf(ContentKind.News, news.Slug);
        var reader = _factory.CreateReader();

        // A reader's request renders the page with the old title, and is held before the cache stores it.
        using var held = new HttpRequestMessage(HttpMethod.Get, url);
        held.Headers.Add("X-Hold", "1");
        var slow = reader.SendAsync(held);
        await _rendered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Meanwhile an editor saves a new title (the save returns once the change is applied and the page evicted).
        const string Title = "Tiêu đề mới sau khi sửa";
        Assert.IsType<SaveOutcome.Saved>(await _factory.EditAsync(news.Id, item =>
        {
            item.Title = Title;
            return item;
        }));
        _release.SetResult();
        using var old = await slow;
        Assert.Equal(HttpStatusCode.OK, old.StatusCode); // that reader got the page as it was when they asked

        // Every reader after the edit sees the new title: the held page was not kept.
        for (var n = 0; n < 3; n++)
        {
            var (_, _, page) = await Html.GetAsync(reader, url);
            Assert.Equal(Title, page.QuerySelector("main h1")!.TextContent.Trim());
        }
    }
}

/// <summary>One node, the in-memory store.</summary>
public sealed class CacheRaceTests() : CacheRaceTestsOn(redis: false);

/// <summary>The store several nodes share: Redis (on PostgreSQL, as nodes run).</summary>
public sealed class CacheRaceRedisTests() : CacheRaceTestsOn(redis: true);
