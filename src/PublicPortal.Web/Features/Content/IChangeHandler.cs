using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Derived state that follows the change feed: the search index, the output cache, in-memory caches. Applying the same
/// records twice must do no harm (after a crash a handler may see records it had applied but not yet marked).
/// </summary>
public interface IChangeHandler
{
    string Name { get; }

    /// <summary>
    /// On start: the last sequence this handler's state already holds. A handler whose state lives in memory starts empty
    /// and holds everything up to <paramref name="head"/> (the default); one with state on disk (the search index)
    /// returns what it stored.
    /// </summary>
    ValueTask<long> StartingMarkAsync(long head, CancellationToken cancellationToken) => ValueTask.FromResult(head);

    /// <summary>
    /// Handlers of a lower stage apply a batch first: state read from the database and index (0: search, catalogue),
    /// then memos made from that state (1), then rendered pages (2: the output cache). A page rendered between two
    /// handlers must not be kept with the old state of one of them under the new state of the other.
    /// </summary>
    int Stage => 0;

    /// <summary>Applies records in sequence order; throwing leaves them to be retried from the feed.</summary>
    Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken);
}
