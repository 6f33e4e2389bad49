using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>A locality's section: its district, and its new name with whether that is confirmed.</summary>
internal static class LocalityMapper
{
    public static LocalityDetails Read(LocalityDto l) => new()
    {
        District = Required(l.District, "locality.district"),
        NewName = Optional(l.NewName),
        NewNameConfirmed = l.NewNameConfirmed,
    };

    public static LocalityDto Write(LocalityDetails l) => new() { District = l.District, NewName = l.NewName, NewNameConfirmed = l.NewNameConfirmed };
}
