using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace PublicPortal.Web.Features.Admin;

public enum DiffLineKind
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(DiffLineKind Kind, string Text);

/// <summary>Line-by-line difference of two revisions (their content files), by DiffPlex.</summary>
public static class RevisionDiff
{
    public static IReadOnlyList<DiffLine> Lines(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before ?? "", after ?? "", ignoreWhiteSpace: false);
        return model.Lines.Select(l => new DiffLine(
            l.Type switch { ChangeType.Inserted => DiffLineKind.Added, ChangeType.Deleted => DiffLineKind.Removed, _ => DiffLineKind.Same },
            l.Text ?? "")).ToList();
    }
}
