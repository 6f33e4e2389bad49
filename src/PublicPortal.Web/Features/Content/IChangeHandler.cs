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
    /// and returns <paramref name="head"/>; one with state on disk (the search index) returns what it stored.
    /// </summary>
    ValueTask<long> StartingMarkAsync(long head, CancellationToken cancellationToken);

    /// <summary>Applies records in sequence order; throwing leaves them to be retried from the feed.</summary>
    Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken);
}
