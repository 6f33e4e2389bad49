namespace PublicPortal.Web.Features.Catalogue;

/// <summary>The catalogue for a request: the store's current snapshot (no query unless the catalogue changed).</summary>
public sealed class CatalogueService(CatalogueStore store)
{
    public Task<CatalogueSnapshot> LoadAsync(CancellationToken cancellationToken = default) => store.GetAsync(cancellationToken);
}
