namespace PublicPortal.Web.Features.Admin;

/// <summary>One front-matter field whose value differs; null: the field is not set on that side.</summary>
public sealed record FieldChange(string Key, string Label, string? Before, string? After);
