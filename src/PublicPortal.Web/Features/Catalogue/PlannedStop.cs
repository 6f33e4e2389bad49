using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

public sealed record PlannedStop(int Number, RouteStop Stop, ContentItem Target, GeoPoint? Location);
