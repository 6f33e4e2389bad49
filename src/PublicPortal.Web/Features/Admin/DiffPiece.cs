namespace PublicPortal.Web.Features.Admin;

/// <summary>A run of the body's text: unchanged, added or removed.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);
