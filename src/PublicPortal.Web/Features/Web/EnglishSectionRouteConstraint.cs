namespace PublicPortal.Web.Features.Web;

/// <summary>"{section:english-section}": one of <see cref="EnglishSite.Sections"/>, so the list of sections lives in one place.</summary>
public sealed class EnglishSectionRouteConstraint : IRouteConstraint
{
    public const string Name = "english-section";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value) && value is string slug && EnglishSite.SectionOf(slug) is not null;
    }
}
