using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>How each kind appears on disk (content/ folder) and on the site (route, label).</summary>
public sealed record ContentKindInfo(ContentKind Kind, string Folder, string RoutePrefix, string Label, string Singular);
