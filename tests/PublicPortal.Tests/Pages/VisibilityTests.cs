using Microsoft.Extensions.DependencyInjection;
using System.Net;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Pages;

/// <summary>Drafts and scheduled items stay hidden; hostile Markdown in a stored item never reaches the page as markup.</summary>
public sealed class VisibilityTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>Through the one write path, as an editor's save would: its change record is what the caches follow.</summary>
    private async Task AddAsync(ContentItem item)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Content.ContentWriter>().SaveAsync(item, null, 0, "bien-tap@example.vn");
        Assert.IsType<PublicPortal.Web.Features.Content.SaveOutcome.Saved>(outcome);
    }

    private ContentItem News(string slug, ContentStatus status, DateTimeOffset publishAt, string body = "Nội dung") => new()
    {
        Kind = ContentKind.News,
        Slug = slug,
        Title = "Tin " + slug,
        Body = body,
        Status = status,
        PublishedAtUtc = publishAt.UtcDateTime,
    };

    [Fact]
    public async Task A_draft_is_not_shown_anywhere()
    {
        await AddAsync(News("ban-nhap", ContentStatus.Draft, _factory.Clock.GetUtcNow().AddDays(-1)));

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/tin-tuc/ban-nhap")).StatusCode);
        Assert.DoesNotContain("/tin-tuc/ban-nhap", await _client.GetStringAsync("/tin-tuc"), StringComparison.Ordinal);
        Assert.DoesNotContain("/tin-tuc/ban-nhap", await _client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_item_appears_when_its_time_comes_without_a_restart()
    {
        await AddAsync(News("tin-hen-gio", ContentStatus.Published, _factory.Clock.GetUtcNow().AddHours(2)));

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/tin-tuc/tin-hen-gio")).StatusCode);
        Assert.DoesNotContain("/tin-tuc/tin-hen-gio", await _client.GetStringAsync("/tin-tuc"), StringComparison.Ordinal);

        await _factory.AdvanceClockAsync(TimeSpan.FromHours(3));

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/tin-tuc/tin-hen-gio")).StatusCode);
        var (_, _, list) = await Html.GetAsync(_client, "/tin-tuc");
        Assert.Equal("/tin-tuc/tin-hen-gio", list.QuerySelector(".item-list h2 a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Hostile_markdown_in_an_article_is_neutralised_on_the_page()
    {
        const string body = "<script>alert('x')</script>\n\n[bấm](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) ![i](data:image/svg+xml;base64,PHN2Zz4=)\n\n<img src=x onerror=alert(1)>";
        await AddAsync(News("tin-doc-hai", ContentStatus.Published, _factory.Clock.GetUtcNow().AddDays(-1), body));

        var (response, _, document) = await Html.GetAsync(_client, "/tin-tuc/tin-doc-hai");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prose = document.QuerySelector(".prose")!;
        Assert.Empty(prose.QuerySelectorAll("script, img[onerror]"));
        Assert.All(prose.QuerySelectorAll("[href], [src]"), e =>
            Assert.DoesNotMatch("^(?i)\\s*(javascript|data|vbscript):", e.GetAttribute("href") ?? e.GetAttribute("src") ?? ""));
        Assert.Contains("bấm", prose.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cover_outside_the_media_library_is_not_shown()
    {
        // Only library images (checked, stripped, described) reach public pages; a file merely present in the data folder does not.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
        Directory.CreateDirectory(Path.Combine(_factory.DataDirectory, "media", "images"));
        await File.WriteAllBytesAsync(Path.Combine(_factory.DataDirectory, "media", "images", "gom.png"), png);
        var item = News("tin-co-anh", ContentStatus.Published, _factory.Clock.GetUtcNow().AddDays(-1));
        item.CoverImage = "media/images/gom.png";
        item.CoverAlt = "Nghệ nhân nặn gốm";
        // Straight into the database: the write path refuses such a cover, and this is the page's own defence.
        await _factory.WithDbAsync(async db =>
        {
            db.ContentItems.Add(item);
            await db.SaveChangesAsync();
        });

        var (response, _, document) = await Html.GetAsync(_client, "/tin-tuc/tin-co-anh");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(document.QuerySelector(".cover"));
        // Shared, the article shows the picture the site draws for items without a usable photo, never that file.
        Assert.Equal("http://localhost/anh-chia-se/tin-tuc/tin-co-anh.png", document.QuerySelector("meta[property='og:image']")?.GetAttribute("content"));
    }

    [Fact]
    public async Task Attachments_are_not_reachable_by_their_media_path()
    {
        Assert.True(File.Exists(Path.Combine(_factory.DataDirectory, "media", "documents", "3073-kh-ubnd-tom-tat.txt")));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/media/documents/3073-kh-ubnd-tom-tat.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/media/../portal.db")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/media/%2e%2e/portal.db")).StatusCode);
    }
}
