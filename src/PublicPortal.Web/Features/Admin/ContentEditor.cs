using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Web.Features.Admin;

public abstract record SaveOutcome
{
    public sealed record Saved(int Id, int Version) : SaveOutcome;

    /// <summary>Someone saved the item since this editor opened it: their version, as a content file, to compare.</summary>
    public sealed record Conflict(string TheirSnapshot, string TheirActor, DateTime TheirTimeUtc, int TheirVersion) : SaveOutcome;

    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : SaveOutcome;

    public sealed record NotFound : SaveOutcome;
}

/// <summary>
/// The one write path of the admin area. Each save, in one transaction: checks the version the editor started from,
/// writes the item, keeps the old address as a redirect when the slug changes, stores a revision and an audit entry.
/// After the commit it re-indexes the item for search and evicts cached public pages.
/// </summary>
public sealed class ContentEditor(
    PortalDbContext db, ContentTransfer transfer, ContentRules rules, SearchIndexer search, IServiceProvider services, IMemoryCache cache, TimeProvider clock, ILogger<ContentEditor> logger)
{
    public const string RedirectsCacheKey = "slug-redirects";

    public async Task<SaveOutcome> SaveAsync(ContentItem edited, int? id, int expectedVersion, string actor, string? action = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        if (rules.Check(edited) is { Count: > 0 } broken) return new SaveOutcome.Invalid(broken);
        // What the item points at (place, crafts, village, stops) must exist, as on import.
        var missing = new List<string>();
        await transfer.CheckReferencesAsync([("", edited)], missing, cancellationToken);
        if (missing.Count > 0)
            return new SaveOutcome.Invalid(new Dictionary<string, string> { ["Extra"] = "Thông tin chi tiết trỏ tới mục không có: " + string.Join("; ", missing.Select(m => m.TrimStart(':', ' '))) });
        if (ImageProblems(edited) is { Count: > 0 } imageProblems) return new SaveOutcome.Invalid(imageProblems);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        ContentItem? current = null;
        if (id is { } existingId)
        {
            current = await db.ContentItems.SingleOrDefaultAsync(x => x.Id == existingId, cancellationToken);
            if (current is null) return new SaveOutcome.NotFound();
            if (current.Version != expectedVersion) return await ConflictAsync(current, cancellationToken);
            edited.Kind = current.Kind;
        }
        if (await db.ContentItems.AnyAsync(x => x.Kind == edited.Kind && x.Slug == edited.Slug && x.Id != (id ?? 0), cancellationToken))
            return new SaveOutcome.Invalid(new Dictionary<string, string> { ["Slug"] = $"Đường dẫn “{edited.Slug}” đã có nội dung khác cùng loại dùng. Hãy chọn đường dẫn khác." });

        edited.SearchText = ContentTransfer.SearchTextOf(edited);
        edited.UpdatedAtUtc = now;
        var oldSlug = current?.Slug;
        var wasPublished = current?.Status == ContentStatus.Published;
        if (current is null)
        {
            edited.Id = 0;
            edited.Version = 1;
            edited.ViewCount = 0;
            db.ContentItems.Add(edited);
        }
        else
        {
            edited.Id = current.Id;
            edited.ViewCount = current.ViewCount; // counted by the site, never by the form
            edited.Version = current.Version + 1;
            db.Entry(current).CurrentValues.SetValues(edited);
            CopyOwned(edited, current);
        }
        var saved = current ?? edited;

        // The item takes its new address; its old one answers with a redirect. A slug coming back drops its redirect.
        await db.SlugRedirects.Where(r => r.Kind == saved.Kind && r.OldSlug == saved.Slug).ExecuteDeleteAsync(cancellationToken);
        if (oldSlug is not null && oldSlug != saved.Slug)
            db.SlugRedirects.Add(new SlugRedirect { Kind = saved.Kind, OldSlug = oldSlug, ContentItemId = saved.Id });

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var theirs = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == saved.Id, cancellationToken);
            return await ConflictAsync(theirs, cancellationToken);
        }

        action ??= current is null ? AuditActions.Create
            : saved.Status == ContentStatus.Published && !wasPublished ? AuditActions.Publish
            : saved.Status != ContentStatus.Published && wasPublished ? AuditActions.Unpublish
            : AuditActions.Edit;
        var summary = Describe(action, saved, oldSlug);
        await AddRevisionAsync(saved, actor, summary, now, cancellationToken);
        db.AuditEntries.Add(new AuditEntry { AtUtc = now, Actor = actor, Action = action, Target = Target(saved), Summary = summary });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var stale = new List<ContentItem> { saved };
        if (oldSlug is not null && oldSlug != saved.Slug) stale.Add(new ContentItem { Kind = saved.Kind, Slug = oldSlug, Title = "" });
        await AfterWriteAsync(stale, cancellationToken);
        logger.LogInformation("{Actor} saved {Kind} {Slug} as version {Version} ({Action})", actor, saved.Kind, saved.Slug, saved.Version, action);
        return new SaveOutcome.Saved(saved.Id, saved.Version);
    }

    /// <summary>
    /// Images must come from the media library and be described: alt text for this use or in the library, or the image
    /// marked decorative there. A picture nobody can describe never reaches a public page.
    /// </summary>
    private Dictionary<string, string> ImageProblems(ContentItem item)
    {
        var catalog = services.GetRequiredService<Media.MediaCatalog>();
        var extra = new List<string>();
        void Check(string what, string reference, string? alt)
        {
            if (catalog.Find(reference) is not { } info)
                extra.Add($"{what} “{reference}” không phải ảnh trong thư viện ảnh (dạng media/library/…; tải ảnh lên ở mục Thư viện ảnh)");
            else if (Media.ResponsiveImage.AltFor(info, alt) is null)
                extra.Add($"{what} “{reference}” chưa có mô tả (alt): hãy viết mô tả ở đây hoặc trong thư viện ảnh, hoặc đánh dấu là ảnh trang trí");
        }
        if (item.CoverImage is { } cover) Check("Ảnh bìa", cover, item.CoverAlt);
        foreach (var photo in item.Photos) Check("Ảnh", photo.Path, photo.Alt);

        var body = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in Media.MediaRefs.MarkdownImage().Matches(item.Body))
        {
            var info = catalog.All().GetValueOrDefault(m.Groups[2].Value);
            if (info is null) body.Add($"ảnh /anh/{m.Groups[2].Value}… không có trong thư viện ảnh");
            else if (string.IsNullOrWhiteSpace(m.Groups[1].Value) && !info.Decorative)
                body.Add($"ảnh /anh/{m.Groups[2].Value}… chưa có mô tả: viết mô tả trong ![…]");
        }
        var problems = new Dictionary<string, string>();
        if (extra.Count > 0) problems["Extra"] = string.Join("; ", extra) + ".";
        if (body.Count > 0) problems["Body"] = "Nội dung có " + string.Join("; ", body) + ".";
        return problems;
    }

    /// <summary>Items that point at this one (a village's place, a route's stops…): it cannot be deleted while they do.</summary>
    public async Task<IReadOnlyList<ContentItem>> UsedByAsync(ContentItem item, CancellationToken cancellationToken = default)
    {
        if (item.Kind is not (ContentKind.Locality or ContentKind.Craft or ContentKind.Village or ContentKind.Sight)) return [];
        var catalogue = await db.ContentItems.AsNoTracking()
            .Where(x => x.Kind == ContentKind.Village || x.Kind == ContentKind.Product || x.Kind == ContentKind.Sight || x.Kind == ContentKind.Route)
            .ToListAsync(cancellationToken);
        return catalogue.Where(other => ContentTransfer.ReferencesOf(other).Any(r => r.Kind == item.Kind && r.Slug == item.Slug)).ToList();
    }

    /// <summary>Deletes an item that nothing points at; its revisions stay, so the history (and the text) is not lost.</summary>
    public async Task<bool> DeleteAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var item = await db.ContentItems.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (item is null || (await UsedByAsync(item, cancellationToken)).Count > 0) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        await AddRevisionAsync(item, actor, $"Xóa “{item.Title}”", now, cancellationToken);
        db.ContentItems.Remove(item);
        await db.SlugRedirects.Where(r => r.ContentItemId == id).ExecuteDeleteAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry { AtUtc = now, Actor = actor, Action = AuditActions.Delete, Target = Target(item), Summary = $"Xóa “{item.Title}”" });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AfterWriteAsync([new ContentItem { Kind = item.Kind, Slug = item.Slug, Title = "" }], cancellationToken);
        return true;
    }

    private async Task<SaveOutcome> ConflictAsync(ContentItem theirs, CancellationToken cancellationToken)
    {
        var last = await db.Revisions.AsNoTracking().Where(r => r.ContentItemId == theirs.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        return new SaveOutcome.Conflict(EditorFields.Snapshot(theirs), last?.Actor ?? "?", last?.CreatedAtUtc ?? theirs.UpdatedAtUtc ?? DateTime.MinValue, theirs.Version);
    }

    private async Task AddRevisionAsync(ContentItem item, string actor, string summary, DateTime now, CancellationToken cancellationToken)
    {
        var last = await db.Revisions.Where(r => r.ContentItemId == item.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        db.Revisions.Add(new Revision { ContentItemId = item.Id, Number = last + 1, CreatedAtUtc = now, Actor = actor, Summary = summary, Snapshot = EditorFields.Snapshot(item) });
    }

    private async Task AfterWriteAsync(IReadOnlyCollection<ContentItem> changed, CancellationToken cancellationToken)
    {
        cache.Remove(RedirectsCacheKey);
        await search.RefreshAsync(changed, cancellationToken);
        if (services.GetService<IOutputCacheStore>() is { } store) await store.EvictByTagAsync(OutputCachePolicies.ContentTag, cancellationToken);
    }

    internal static void CopyOwned(ContentItem from, ContentItem to)
    {
        to.Sources = from.Sources;
        to.Targets = from.Targets;
        to.Tasks = from.Tasks;
        to.Photos = from.Photos;
        to.Locality = from.Locality;
        to.Craft = from.Craft;
        to.Village = from.Village;
        to.Product = from.Product;
        to.Sight = from.Sight;
        to.Route = from.Route;
    }

    public static string Target(ContentItem item) => $"{ContentKinds.Of(item.Kind).Folder}/{item.Slug}";

    private static string Describe(string action, ContentItem item, string? oldSlug) => action switch
    {
        AuditActions.Create => $"Tạo “{item.Title}”",
        AuditActions.Publish => $"Đăng “{item.Title}”",
        AuditActions.Unpublish => $"Gỡ xuống “{item.Title}”",
        AuditActions.Restore => $"Khôi phục “{item.Title}”",
        _ => $"Sửa “{item.Title}”",
    } + (oldSlug is not null && oldSlug != item.Slug ? $" (đường dẫn {oldSlug} → {item.Slug})" : "");
}
