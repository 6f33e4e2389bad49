namespace PublicPortal.Web.Features.Media;

/// <summary>An accepted image, re-encoded without metadata, ready to be stored under its hash.</summary>
public sealed record IntakeResult(byte[] Content, string Format, string Hash, int Width, int Height);
