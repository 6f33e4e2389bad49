using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// A written item's stored view count may have been set by the write (an import's starting value for a new item, or a
/// new item given the number of a deleted one): the live figures read it again.
/// </summary>
internal sealed class TrafficChangeHandler(TrafficCounter counter) : IChangeHandler
{
    public string Name => "traffic";

    public Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
            if (change.ContentItemId is { } id) counter.ForgetStoredViews(id);
        return Task.CompletedTask;
    }
}
