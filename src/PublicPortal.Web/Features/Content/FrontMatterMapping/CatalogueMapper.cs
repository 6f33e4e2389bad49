using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>The catalogue's part of the front matter: photos, and the one section (village:, product:, …) a catalogue kind has, read by its kind's mapper.</summary>
internal static class CatalogueMapper
{
    public static void Read(ContentItem item, FrontMatterDto dto)
    {
        var sections = new object?[] { dto.Locality, dto.Craft, dto.Village, dto.Product, dto.Sight, dto.Route, dto.Event }.Count(x => x is not null);
        var expected = item.Kind is ContentKind.Locality or ContentKind.Craft or ContentKind.Village or ContentKind.Product or ContentKind.Sight or ContentKind.Route or ContentKind.Event ? 1 : 0;
        if (sections != expected || (expected == 1 && SectionFor(item.Kind, dto) is null))
            throw new ContentFormatException(expected == 1
                ? $"a {ContentKinds.Of(item.Kind).Folder} file needs its '{SectionName(item.Kind)}:' section, and no other"
                : "catalogue sections (village:, product:, …) belong only in catalogue folders");

        item.Photos = (dto.Photos ?? []).Select((p, i) => new Photo
        {
            Path = MediaPath(p.Path, $"photos[{i}].path") ?? throw new ContentFormatException($"'photos[{i}].path' is required"),
            Alt = Required(p.Alt, $"photos[{i}].alt"),
            Caption = Optional(p.Caption),
        }).ToList();

        switch (item.Kind)
        {
            case ContentKind.Locality:
                item.Locality = LocalityMapper.Read(dto.Locality!);
                break;
            case ContentKind.Craft:
                item.Craft = CraftMapper.Read(dto.Craft!);
                break;
            case ContentKind.Village:
                item.Village = VillageMapper.Read(dto.Village!);
                break;
            case ContentKind.Product:
                item.Product = ProductMapper.Read(dto.Product!);
                break;
            case ContentKind.Sight:
                item.Sight = SightMapper.Read(dto.Sight!);
                break;
            case ContentKind.Route:
                item.Route = RouteMapper.Read(dto.Route!);
                break;
            case ContentKind.Event:
                item.Event = EventMapper.Read(dto.Event!);
                break;
        }
    }

    public static void Write(ContentItem item, FrontMatterDto dto)
    {
        dto.Photos = item.Photos.Count == 0 ? null : item.Photos.Select(p => new PhotoDto { Path = p.Path, Alt = p.Alt, Caption = p.Caption }).ToList();
        if (item.Locality is { } l) dto.Locality = LocalityMapper.Write(l);
        if (item.Craft is { } c) dto.Craft = CraftMapper.Write(c);
        if (item.Village is { } v) dto.Village = VillageMapper.Write(v);
        if (item.Product is { } p) dto.Product = ProductMapper.Write(p);
        if (item.Sight is { } s) dto.Sight = SightMapper.Write(s);
        if (item.Route is { } r) dto.Route = RouteMapper.Write(r);
        if (item.Event is { } e) dto.Event = EventMapper.Write(e);
    }

    private static object? SectionFor(ContentKind kind, FrontMatterDto dto) => kind switch
    {
        ContentKind.Locality => dto.Locality,
        ContentKind.Craft => dto.Craft,
        ContentKind.Village => dto.Village,
        ContentKind.Product => dto.Product,
        ContentKind.Sight => dto.Sight,
        ContentKind.Route => dto.Route,
        ContentKind.Event => dto.Event,
        _ => null,
    };

    private static string SectionName(ContentKind kind) => kind.ToString().ToLowerInvariant();
}
