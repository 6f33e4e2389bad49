using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>A craft's section.</summary>
internal static class CraftMapper
{
    public static CraftDetails Read(CraftDto c) => new() { Traditional = c.Traditional };

    public static CraftDto Write(CraftDetails c) => new() { Traditional = c.Traditional };
}
