namespace PublicPortal.Web.Features.Programme;

/// <summary>A village counted (or not) in a computed figure, and why: anyone can check the figure.</summary>
public sealed record Counted(string Title, string Url, bool Counts, string Reason);
