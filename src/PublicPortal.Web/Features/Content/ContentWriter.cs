using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// The one write path of content. Every change — an editor's save, create, publish, restore, figures, delete, an
/// image's description, an import, a scheduled time passing — is checked here, then written in one transaction with its
/// revision, its audit entry and its change record. Nothing here refreshes search or caches: the change feed does,
/// after the commit, from the records (<see cref="ChangeFeed"/>).
/// </summary>
public sealed partial class ContentWriter(
    PortalDbContext db, ContentRules rules, ContentChecks checks, TextChecks text, ContentRelations relations, ChangeFeed feed, TimeProvider clock,
    Mail.Outbox outbox, Mail.MailSignal mail, ILogger<ContentWriter> logger)
{
    /// <summary>Actor of the command-line and first-start import.</summary>
    public const string ImportActor = "import";

    /// <summary>Actor of a scheduled publication taking effect.</summary>
    public const string ScheduleActor = "lịch đăng";

    /// <summary>How long a save waits for search and caches to show it (they usually take milliseconds); never fails the save.</summary>
    private static readonly TimeSpan ShownWithin = TimeSpan.FromSeconds(5);

    public Task<SaveOutcome> SaveAsync(ContentItem edited, int? id, int expectedVersion, string actor, string? action = null, CancellationToken cancellationToken = default) =>
        SaveAsync(edited, id, expectedVersion, actor, action, checkContent: true, cancellationToken);

    /// <param name="checkContent">
    /// False only for a change of state that must happen whatever the text holds (a schedule taking an item down: an
    /// image described since, or a link broken since, must not keep an expired announcement up).
    /// </param>
    private async Task<SaveOutcome> SaveAsync(ContentItem edited, int? id, int expectedVersion, string actor, string? action, bool checkContent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edited);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        if (checkContent && await ContentProblemsAsync(edited, cancellationToken) is { } problems) return problems;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        ContentItem? current = null;
        if (id is { } existingId)
        {
            current = await db.ContentItems.SingleOrDefaultAsync(x => x.Id == existingId, cancellationToken);
            if (current is null) return new SaveOutcome.NotFound();
            if (current.Version != expectedVersion) return await ConflictAsync(current, cancellationToken);
            edited.Kind = current.Kind;
        }
        // Links inside the site must lead somewhere; checked when the text changes (a review decision or a schedule
        // taking an item down never fails on a link that broke since).
        if (checkContent && (current is null || current.Body != edited.Body || current.BodyEn != edited.BodyEn)
            && await text.BrokenLinksAsync(edited, cancellationToken) is { Count: > 0 } brokenLinks)
            return new SaveOutcome.Invalid(new Dictionary<string, string>
            {
                ["Body"] = "Nội dung có liên kết tới địa chỉ không có trên cổng: " + string.Join("; ", brokenLinks) + ". Hãy sửa địa chỉ hoặc bỏ liên kết.",
            });
        if (await db.ContentItems.AnyAsync(x => x.Kind == edited.Kind && x.Slug == edited.Slug && x.Id != (id ?? 0), cancellationToken))
            return new SaveOutcome.Invalid(new Dictionary<string, string> { ["Slug"] = $"Đường dẫn “{edited.Slug}” đã có nội dung khác cùng loại dùng. Hãy chọn đường dẫn khác." });

        // An OCOP product's label code: given once, never changed (a printed QR must keep working).
        if (await Catalogue.ProductCodes.AssignAsync(db, edited, current, cancellationToken) is { } codeProblem)
            return new SaveOutcome.Invalid(new Dictionary<string, string> { ["Extra"] = codeProblem });
        var before = current is null ? null : Copy(current);
        var wasPublished = current?.Status == ContentStatus.Published;
        edited.SearchText = SearchTextOf(edited);
        edited.UpdatedAtUtc = now;
        if (current is null)
        {
            edited.Id = 0;
            edited.Version = 1;
            db.ContentItems.Add(edited);
        }
        else
        {
            edited.Id = current.Id;
            edited.Version = current.Version + 1;
            db.Entry(current).CurrentValues.SetValues(edited);
            CopyOwned(edited, current);
        }
        var saved = current ?? edited;
        await TakeBackAddressesAsync([saved], cancellationToken);
        if (before is not null && before.Slug != saved.Slug)
            db.SlugRedirects.Add(new SlugRedirect { Kind = saved.Kind, OldSlug = before.Slug, ContentItemId = saved.Id });

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
        var summary = Describe(action, saved, before?.Slug);
        var numbers = await RevisionNumbersAsync([saved.Id], cancellationToken);
        var graph = await relations.LoadAsync(cancellationToken);
        var change = Record(saved, before, actor, action, summary, summary, now, numbers, graph);
        // Review's messages are written with the step they tell of.
        if (action == AuditActions.Submit) await outbox.ReviewWaitingAsync(saved, actor, cancellationToken);
        else if (action == AuditActions.Return) await outbox.ReturnedAsync(saved, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (action is AuditActions.Submit or AuditActions.Return) mail.Wake();
        await ShownAsync(change, cancellationToken);
        logger.LogInformation("{Actor} saved {Kind} {Slug} as version {Version} ({Action})", actor, saved.Kind, saved.Slug, saved.Version, action);
        return new SaveOutcome.Saved(saved.Id, saved.Version);
    }

    /// <summary>The field rules, then what the item points at (place, crafts, village, stops) must exist, as on import, and its images be described.</summary>
    private async Task<SaveOutcome.Invalid?> ContentProblemsAsync(ContentItem edited, CancellationToken cancellationToken)
    {
        if (rules.Check(edited) is { Count: > 0 } broken) return new SaveOutcome.Invalid(broken);
        var missing = await checks.MissingReferencesAsync([("", edited)], cancellationToken);
        if (missing.Count > 0)
            return new SaveOutcome.Invalid(new Dictionary<string, string> { ["Extra"] = "Thông tin chi tiết trỏ tới mục không có: " + string.Join("; ", missing.Select(m => m.TrimStart(':', ' '))) });
        return checks.ImageProblems(edited) is { Count: > 0 } imageProblems ? new SaveOutcome.Invalid(imageProblems) : null;
    }

    /// <summary>Deletes an item that nothing points at; its revisions stay, so the history (and the text) is not lost.</summary>
    public async Task<bool> DeleteAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var item = await db.ContentItems.SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (item is null) return false;
        var graph = await relations.LoadAsync(cancellationToken);
        if (graph.UsersOf(item).Count > 0) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var summary = $"Xóa “{item.Title}”";
        var numbers = await RevisionNumbersAsync([id], cancellationToken);
        var change = Record(item, item, actor, AuditActions.Delete, summary, summary, now, numbers, graph);
        db.ContentItems.Remove(item);
        await db.SlugRedirects.Where(r => r.ContentItemId == id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ShownAsync(change, cancellationToken);
        return true;
    }

    /// <summary>Items that point at this one (a village's place, a route's stops…): it cannot be deleted while they do.</summary>
    public async Task<IReadOnlyList<ContentItem>> UsedByAsync(ContentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var ids = (await relations.LoadAsync(cancellationToken)).UsersOf(item);
        if (ids.Count == 0) return [];
        return await db.ContentItems.AsNoTracking().Where(x => ids.Contains(x.Id)).OrderBy(x => x.Title).ToListAsync(cancellationToken);
    }

    /// <summary>An image's description or its removal: the pages showing it change, so it is a change like any other.</summary>
    public async Task WriteMediaAsync(MediaAsset asset, bool delete, string actor, string action, string summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (delete) db.MediaAssets.Remove(asset);
        var users = (await relations.ImageUsesAsync([asset.Hash], cancellationToken))[asset.Hash].Select(u => u.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Audit(clock, actor, action, summary, $"media/{asset.Hash}");
        var change = new ChangeRecord
        {
            AtUtc = now, Slug = asset.Hash, Change = ChangeKinds.Media, Actor = AuditLog.ClipActor(actor), Touches = string.Join(' ', users),
        };
        db.ChangeRecords.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ShownAsync(change, cancellationToken);
    }

    /// <summary>Folded search text; the document number comes first so a search by number can rank its own document on top.</summary>
    public static string SearchTextOf(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return VietnameseText.Fold(string.Join(' ', new[] { item.DocumentNumber, item.Title, item.Issuer, item.DocumentType, item.Summary }.Where(s => s is not null)));
    }

    public static string Target(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{ContentKinds.Of(item.Kind).Folder}/{item.Slug}";
    }

    /// <summary>The revision, the audit entry and the change record of one write, added to the open transaction.</summary>
    private ChangeRecord Record(
        ContentItem saved, ContentItem? before, string actor, string action, string revisionSummary, string auditSummary, DateTime now,
        Dictionary<int, int> numbers, ContentRelations.Graph graph, string? change = null)
    {
        var number = numbers[saved.Id] = numbers.GetValueOrDefault(saved.Id) + 1;
        db.Revisions.Add(new Revision
        {
            ContentItemId = saved.Id, Number = number, CreatedAtUtc = now, Actor = AuditLog.ClipActor(actor), Summary = revisionSummary, Snapshot = EditorFields.Snapshot(saved),
        });
        db.AuditEntries.Add(new AuditEntry { AtUtc = now, Actor = AuditLog.ClipActor(actor), Action = action, Target = Target(saved), Summary = auditSummary });
        var record = new ChangeRecord
        {
            AtUtc = now, ContentItemId = saved.Id, Kind = saved.Kind, Slug = saved.Slug,
            OldSlug = before is not null && before.Slug != saved.Slug ? before.Slug : null,
            Change = change ?? action switch
            {
                AuditActions.Create => ChangeKinds.Created,
                AuditActions.Publish => ChangeKinds.Published,
                AuditActions.Unpublish => ChangeKinds.Unpublished,
                AuditActions.Restore => ChangeKinds.Restored,
                AuditActions.Delete => ChangeKinds.Deleted,
                _ => ChangeKinds.Edited,
            },
            Actor = AuditLog.ClipActor(actor),
            Touches = string.Join(' ', graph.Touched(saved, before).Order()),
        };
        db.ChangeRecords.Add(record);
        return record;
    }

    private async Task<Dictionary<int, int>> RevisionNumbersAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        await db.Revisions.Where(r => ids.Contains(r.ContentItemId)).GroupBy(r => r.ContentItemId)
            .Select(g => new { g.Key, Last = g.Max(r => r.Number) }).ToDictionaryAsync(x => x.Key, x => x.Last, cancellationToken);

    /// <summary>An item written at an address takes it back from any redirect that pointed it elsewhere (the table is small: one read).</summary>
    private async Task TakeBackAddressesAsync(IReadOnlyCollection<ContentItem> items, CancellationToken cancellationToken)
    {
        var addresses = items.Select(i => (i.Kind, i.Slug)).ToHashSet();
        var taken = (await db.SlugRedirects.ToListAsync(cancellationToken)).Where(r => addresses.Contains((r.Kind, r.OldSlug))).ToList();
        db.SlugRedirects.RemoveRange(taken);
    }

    /// <summary>Tells the feed, and waits briefly for this process's handlers to apply <paramref name="last"/> (its sequence came with the commit), so the editor's next page shows the change.</summary>
    private async Task ShownAsync(ChangeRecord? last, CancellationToken cancellationToken)
    {
        feed.Notify();
        if (last is not null) await feed.WaitAppliedAsync(last.Sequence, ShownWithin, cancellationToken);
    }

    private async Task<SaveOutcome> ConflictAsync(ContentItem theirs, CancellationToken cancellationToken)
    {
        var last = await db.Revisions.AsNoTracking().Where(r => r.ContentItemId == theirs.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        return new SaveOutcome.Conflict(EditorFields.Snapshot(theirs), last?.Actor ?? "?", last?.CreatedAtUtc ?? theirs.UpdatedAtUtc ?? DateTime.MinValue, theirs.Version);
    }

    /// <summary>What the item pointed at before the write (its references), so a move away touches the old place too.</summary>
    private static ContentItem Copy(ContentItem item)
    {
        var copy = new ContentItem { Kind = item.Kind, Slug = item.Slug, Title = item.Title, Id = item.Id, ParentSlug = item.ParentSlug, DocumentSlug = item.DocumentSlug };
        CopyOwned(item, copy);
        return copy;
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
        to.Event = from.Event;
    }

    private static string Describe(string action, ContentItem item, string? oldSlug) => action switch
    {
        AuditActions.Create => $"Tạo “{item.Title}”",
        AuditActions.Publish => $"Đăng “{item.Title}”",
        AuditActions.Unpublish => $"Gỡ xuống “{item.Title}”",
        AuditActions.Restore => $"Khôi phục “{item.Title}”",
        AuditActions.Submit => $"Gửi duyệt “{item.Title}”",
        AuditActions.Return => $"Trả lại “{item.Title}” cho tác giả: {item.ReviewNote}",
        AuditActions.Approve => $"Duyệt và đăng “{item.Title}”",
        _ => $"Sửa “{item.Title}”",
    } + (oldSlug is not null && oldSlug != item.Slug ? $" (đường dẫn {oldSlug} → {item.Slug})" : "");
}
