namespace PublicPortal.Web.Features.Admin;

/// <summary>What changed between two revisions: the fields by name, the Markdown body word by word.</summary>
public sealed record RevisionComparison(IReadOnlyList<FieldChange> Fields, IReadOnlyList<DiffPiece> Body)
{
    public bool BodyChanged => Body.Any(p => p.Kind != DiffKind.Same);
    public bool Unchanged => Fields.Count == 0 && !BodyChanged;
}
