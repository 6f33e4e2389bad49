namespace PublicPortal.Web.Features.Content;

/// <summary>What an editor's save came to.</summary>
public abstract record SaveOutcome
{
    public sealed record Saved(int Id, int Version) : SaveOutcome;

    /// <summary>Someone saved the item since this editor opened it: their version, as a content file, to compare.</summary>
    public sealed record Conflict(string TheirSnapshot, string TheirActor, DateTime TheirTimeUtc, int TheirVersion) : SaveOutcome;

    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : SaveOutcome;

    public sealed record NotFound : SaveOutcome;
}
