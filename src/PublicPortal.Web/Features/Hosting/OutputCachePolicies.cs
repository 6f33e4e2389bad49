namespace PublicPortal.Web.Features.Hosting;

public static class OutputCachePolicies
{
    public const string ItemPage = "item-page";
}
