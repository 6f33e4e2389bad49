using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Reads the synonyms and pinned results again when they changed, or when a pinned item did (its address may have
/// moved). Before the search memo and the output cache (stage 0), so no answer is kept with the old terms.
/// </summary>
internal sealed class SearchTermsChangeHandler(IServiceScopeFactory scopes, SearchTerms terms) : IChangeHandler
{
    public string Name => "search-terms";

    public async ValueTask<long> StartingMarkAsync(long head, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return head;
    }

    public async Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        if (!terms.Loaded || changes.Any(c => c.Change == ChangeKinds.SearchTerms || c.ContentItemId is { } id && terms.IsPinned(id)))
            await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await terms.LoadAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), cancellationToken);
    }
}
