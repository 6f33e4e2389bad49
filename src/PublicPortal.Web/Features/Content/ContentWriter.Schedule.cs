using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>The write path's scheduled changes: items going live, and coming down, when their time comes.</summary>
public sealed partial class ContentWriter
{
    /// <summary>
    /// Items whose publication time has passed since they were last written: each gets a revision, an audit entry and a
    /// change record now, so pages, lists, search and feeds change at that minute. Returns how many went live.
    /// </summary>
    public async Task<int> RecordWentLiveAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Every node's scheduler wakes at the same minute: the first to take the lock writes the records, the others
        // then read that nothing is due.
        await db.LockWritersAsync(cancellationToken);
        var due = await db.ContentItems
            .Where(i => i.Status == ContentStatus.Published && i.PublishedAtUtc <= now
                && db.ChangeRecords.Any(c => c.ContentItemId == i.Id)
                && !db.ChangeRecords.Any(c => c.ContentItemId == i.Id && c.AtUtc >= i.PublishedAtUtc))
            .ToListAsync(cancellationToken);
        if (due.Count == 0) return 0;
        var numbers = await RevisionNumbersAsync(due.Select(d => d.Id).ToList(), cancellationToken);
        var graph = await relations.LoadAsync(cancellationToken);
        foreach (var item in due)
        {
            var summary = $"Đăng theo lịch “{item.Title}”";
            Record(item, item, ScheduleActor, AuditActions.Publish, summary, summary, now, numbers, graph, ChangeKinds.WentLive);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        feed.Notify();
        logger.LogInformation("{Count} scheduled items went live", due.Count);
        return due.Count;
    }

    /// <summary>
    /// Published items whose time to come down has passed: each is saved as a draft through this write path (revision,
    /// audit entry, change record), by the schedule's actor. Returns how many came down.
    /// </summary>
    public async Task<int> TakeDownExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.ContentItems.AsNoTracking()
            .Where(i => i.Status == ContentStatus.Published && i.UnpublishAtUtc != null && i.UnpublishAtUtc <= now)
            .ToListAsync(cancellationToken);
        var count = 0;
        foreach (var item in due)
        {
            var version = item.Version;
            (item.Status, item.UnpublishAtUtc) = (ContentStatus.Draft, null);
            db.ChangeTracker.Clear();
            // Another node may have done it a moment ago: its version then differs, and this one leaves it.
            if (await SaveAsync(item, item.Id, version, ScheduleActor, AuditActions.Unpublish, checkContent: false, cancellationToken) is SaveOutcome.Saved) count++;
            else logger.LogWarning("{Kind} {Slug} was due to come down but could not be saved as a draft", item.Kind, item.Slug);
        }
        return count;
    }

    /// <summary>When the next scheduled item goes live or comes down, if any is waiting.</summary>
    public async Task<DateTime?> NextScheduledAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var live = await db.ContentItems.Where(i => i.Status == ContentStatus.Published && i.PublishedAtUtc > now)
            .MinAsync(i => (DateTime?)i.PublishedAtUtc, cancellationToken);
        var down = await db.ContentItems.Where(i => i.Status == ContentStatus.Published && i.UnpublishAtUtc != null && i.UnpublishAtUtc > now)
            .MinAsync(i => i.UnpublishAtUtc, cancellationToken);
        return live is null ? down : down is null ? live : live < down ? live : down;
    }
}
