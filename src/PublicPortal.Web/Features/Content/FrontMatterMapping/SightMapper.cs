using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>A tourism sight's section.</summary>
internal static class SightMapper
{
    public static SightDetails Read(SightDto s) => new()
    {
        SightKind = Required(s.Kind, "sight.kind"),
        Locality = Slug(s.Locality, "sight.locality"),
        Address = Optional(s.Address),
        Location = GeoPointMapper.Read(s.Location, "sight.location"),
        OpeningHours = Optional(s.OpeningHours),
        Fee = Optional(s.Fee),
        Access = Optional(s.Access),
    };

    public static SightDto Write(SightDetails s) => new()
    {
        Kind = s.SightKind, Locality = s.Locality, Address = s.Address, Location = GeoPointMapper.Write(s.Location), OpeningHours = s.OpeningHours, Fee = s.Fee, Access = s.Access,
    };
}
