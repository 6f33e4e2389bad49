using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Published items as their pages read them, whole (body, sources, a plan's targets and tasks), kept in memory after
/// the first read: reading a whole row cost a page most of its time (its JSON details are materialised anew each
/// time). Every change the feed applies starts a new generation (<see cref="CacheChangeHandler"/>), so an edit,
/// an unpublish or a scheduled item going live is seen on the next request, as with the output cache. Items are
/// shared between requests: pages read them and never change them. Bounded in bytes.
/// </summary>
public sealed class PublishedItems : IDisposable
{
    private readonly MemoryCache _items = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });
    private long _generation;

    /// <summary>Something changed: nothing read before is trusted.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Which change this node has applied last: something built from published content is current while it holds.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// The key of a page fragment rendered once per change (Razor's &lt;cache vary-by&gt;, for the pages that cost most
    /// to render: the home page and a plan's tracker): this generation, what the fragment shows, and the day in Vietnam,
    /// so a judgement made "as of today" is made again tomorrow. Read before the page reads its data, as
    /// <see cref="MemoAsync{T}"/> does: a change applied meanwhile leaves the fragment under a key no later request asks for.
    /// </summary>
    public string FragmentKey(string scope, DateTime nowUtc) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Interlocked.Read(ref _generation)}|{scope}|{VietnamTime.Date(nowUtc)}");

    /// <summary>How long a fragment no one asks for is kept (as the memos).</summary>
    public static readonly TimeSpan FragmentLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The visible item of a kind at an address.</summary>
    public Task<ContentItem?> FindAsync(PortalDbContext db, ContentKind kind, string slug, DateTime nowUtc, CancellationToken cancellationToken) =>
        GetAsync(db, kind, slug, nowUtc, visible => visible.FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken));

    /// <summary>The newest visible item of a kind (the home page's plan).</summary>
    public Task<ContentItem?> NewestAsync(PortalDbContext db, ContentKind kind, DateTime nowUtc, CancellationToken cancellationToken) =>
        GetAsync(db, kind, null, nowUtc, visible => visible.Newest().FirstOrDefaultAsync(cancellationToken));

    /// <summary>
    /// Something worked out from published content and the search index (a plan's latest news per task), kept until
    /// the next change, like the items. The caller's key names what it is and whom it is for.
    /// </summary>
    public T Memo<T>(object key, Func<T> make) where T : class
    {
        ArgumentNullException.ThrowIfNull(make);
        var entry = (Interlocked.Read(ref _generation), key);
        if (_items.TryGetValue(entry, out T? kept)) return kept!;
        var made = make();
        _items.Set(entry, made, new MemoryCacheEntryOptions { Size = 16 * 1024, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return made;
    }

    /// <summary>An item's body as HTML, rendered once per change rather than per request.</summary>
    public HtmlString BodyOf(ContentItem item, MarkdownRenderer markdown)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(markdown);
        return Memo(("body", item.Id, item.Version), () => markdown.Render(item.Body));
    }

    /// <summary>
    /// An item's English body as HTML, once per change. Stored text passed the same pipeline when it was saved; a body
    /// that no longer renders shows nothing rather than fail.
    /// </summary>
    public HtmlString EnglishBodyOf(ContentItem item, MarkdownRenderer markdown)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(markdown);
        return Memo(("body-en", item.Id, item.Version),
            () => item.BodyEn is { } english && markdown.TryToSafeHtml(english, out var html) is null ? new HtmlString(html) : HtmlString.Empty);
    }

    /// <summary>
    /// A list read from published content (a page of news, the home page's latest items), kept until the next change
    /// like <see cref="Memo{T}"/>. Items going live at their time come through the feed, so no time enters the key.
    /// </summary>
    /// <param name="sizeOf">The memory it holds, in bytes, when that can be much more than a small list's 16 KB.</param>
    public async Task<T> MemoAsync<T>(object key, Func<Task<T>> make, Func<T, long>? sizeOf = null) where T : class
    {
        ArgumentNullException.ThrowIfNull(make);
        // Read before the query, as in GetAsync: a change applied meanwhile leaves the result under a stale key.
        var entry = (Interlocked.Read(ref _generation), key);
        if (_items.TryGetValue(entry, out T? kept)) return kept!;
        var made = await make();
        _items.Set(entry, made, new MemoryCacheEntryOptions { Size = Math.Max(16 * 1024, sizeOf?.Invoke(made) ?? 0), SlidingExpiration = TimeSpan.FromMinutes(30) });
        return made;
    }

    private static readonly object NoneOfKind = new();

    private async Task<ContentItem?> GetAsync(PortalDbContext db, ContentKind kind, string? slug, DateTime nowUtc, Func<IQueryable<ContentItem>, Task<ContentItem?>> read)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The generation is read before the query: a change applied while it runs leaves the result under a key
        // no later request asks for.
        var key = (Interlocked.Read(ref _generation), kind, slug);
        if (_items.TryGetValue(key, out object? kept))
        {
            if (kept is ContentItem found && found.PublishedAtUtc <= nowUtc) return found;
            if (ReferenceEquals(kept, NoneOfKind)) return null;
        }
        var item = await read(db.ContentItems.AsNoTracking().Visible(kind, nowUtc));
        if (item is null && slug is null)
        {
            // "No item of this kind yet" (the home page asks for the newest plan on every request) holds until the next
            // change, as a found item does; absent addresses are not remembered, or random ones would fill the memory.
            _items.Set(key, NoneOfKind, new MemoryCacheEntryOptions { Size = 64, SlidingExpiration = TimeSpan.FromMinutes(30) });
        }
        if (item is not null)
        {
            _items.Set(key, item, new MemoryCacheEntryOptions
            {
                Size = 2L * (item.Body.Length + item.SearchText.Length + (item.Summary?.Length ?? 0)) + 8192,
                SlidingExpiration = TimeSpan.FromMinutes(30),
            });
        }
        return item;
    }

    public void Dispose() => _items.Dispose();
}
