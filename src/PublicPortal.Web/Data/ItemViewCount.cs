namespace PublicPortal.Web.Data;

/// <summary>
/// An item's total page views, in a row of its own: the counter's flush adds to it and an editor's save rewrites the
/// item's row, so the two never touch the same row.
/// </summary>
public sealed class ItemViewCount
{
    public int ContentItemId { get; set; }
    public long Views { get; set; }
}
