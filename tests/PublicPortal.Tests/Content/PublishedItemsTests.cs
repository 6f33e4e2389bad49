using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Content;

/// <summary>
/// Item pages read their item from memory after the first read (PublishedItems); with the output cache off, so only
/// that memory stands between the database and the reader, an edit shows on the next request, an unpublished item
/// is gone on the next request, and a scheduled one appears when it goes live.
/// </summary>
public sealed class PublishedItemsTests : IAsyncLifetime
{
    private readonly PortalFactory _site = new() { Settings = { ["Portal:OutputCache:Enabled"] = "false" } };
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _site.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private Task<ContentItem> ItemAsync(ContentKind kind) => _site.FirstPublishedAsync(kind);

    [Theory]
    [InlineData(ContentKind.News, "/tin-tuc/")]
    [InlineData(ContentKind.Announcement, "/thong-bao/")]
    [InlineData(ContentKind.Document, "/van-ban/")]
    [InlineData(ContentKind.Plan, "/chuong-trinh/")]
    [InlineData(ContentKind.Page, "/")]
    public async Task An_edit_shows_and_an_unpublished_item_is_gone_on_the_next_request(ContentKind kind, string prefix)
    {
        var item = await ItemAsync(kind);
        var url = prefix + item.Slug;
        Assert.DoesNotContain("Tóm tắt mới nhất", await _reader.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain("Tóm tắt mới nhất", await _reader.GetStringAsync(url), StringComparison.Ordinal); // from memory now

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(item.Id, i => { i.Summary = "Tóm tắt mới nhất của mục này."; return i; }));
        Assert.Contains("Tóm tắt mới nhất", await _reader.GetStringAsync(url), StringComparison.Ordinal);

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(item.Id, i => { i.Status = ContentStatus.Draft; return i; }));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_home_page_shows_a_newer_plan_when_it_goes_live()
    {
        var plan = await ItemAsync(ContentKind.Plan);
        Assert.Contains(plan.Title, await _reader.GetStringAsync("/"), StringComparison.Ordinal);
        var later = _site.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(new ContentItem
            {
                Kind = ContentKind.Plan, Slug = "ke-hoach-thu-nghiem-moi", Title = "Kế hoạch thử nghiệm mới hơn", Summary = "Một kế hoạch hẹn giờ đăng.",
                Body = "Nội dung.", Status = ContentStatus.Published, PublishedAtUtc = later,
            }, null, 0, "bien-tap@example.vn");
            Assert.IsType<SaveOutcome.Saved>(outcome);
        }
        Assert.DoesNotContain("Kế hoạch thử nghiệm mới hơn", await _reader.GetStringAsync("/"), StringComparison.Ordinal);
        await _site.AdvanceClockAsync(TimeSpan.FromHours(3));
        Assert.Contains("Kế hoạch thử nghiệm mới hơn", await _reader.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
