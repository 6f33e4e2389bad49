namespace PublicPortal.Web.Features.Content;

/// <summary>A malformed content file: which file, and why, in words an editor can act on.</summary>
public sealed class ContentFormatException(string reason) : Exception(reason);
