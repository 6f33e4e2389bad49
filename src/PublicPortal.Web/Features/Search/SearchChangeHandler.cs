using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>The search index follows the change feed; its mark is stored in the index's own commit, so it survives restarts.</summary>
internal sealed class SearchChangeHandler(IServiceScopeFactory scopes, SearchIndex index) : IChangeHandler
{
    public string Name => "search";

    public ValueTask<long> StartingMarkAsync(long head, CancellationToken cancellationToken) => ValueTask.FromResult(index.FeedMark ?? 0);

    public async Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SearchIndexer>().ApplyAsync(changes, cancellationToken);
    }
}
