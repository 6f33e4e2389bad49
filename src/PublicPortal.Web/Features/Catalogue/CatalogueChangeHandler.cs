using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>A change to a catalogue item (or to an image, which catalogue pages show) replaces the catalogue snapshot.</summary>
internal sealed class CatalogueChangeHandler(CatalogueStore store) : IChangeHandler
{
    public string Name => "catalogue";

    public Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        if (changes.Any(c => c.Change == ChangeKinds.Media || c.Kind is { } kind && CatalogueStore.Kinds.Contains(kind))) store.Invalidate();
        return Task.CompletedTask;
    }
}
