using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Villages;

[PublicPortal.Web.Features.Hosting.PublicCache(VillageFilter.QueryKeys, ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public VillageFilter Filter { get; private set; } = VillageFilter.None;
    public IReadOnlyList<string> Ignored { get; private set; } = [];
    public IReadOnlyList<ContentItem> Villages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        (Filter, Ignored) = VillageFilter.Read(Request.Query, Catalogue);
        Villages = Filter.Apply(Catalogue);
        ViewData.Metadata().Title = "Làng nghề";
        ViewData.Metadata().Description = "Danh mục làng nghề và nghề truyền thống của tỉnh Bình Thuận: vị trí, tình trạng, sản phẩm OCOP, tuyến du lịch.";
    }

    public MapModel Map => new(
        Villages.Select(v => MapModel.PointOf(v, SiteLinks.Item(v), v.Village!.Location)).OfType<MapPoint>().ToList(),
        DrawPath: false, "Bản đồ làng nghề");
}
