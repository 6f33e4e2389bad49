namespace PublicPortal.Web.Features.Hosting;

/// <summary>A portal the footer and the HTML sitemap link to (Portal:RelatedPortals): the province's, the national public-service portal.</summary>
public sealed class RelatedPortal
{
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    public bool IsValid => Name.Trim().Length > 0 && Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
