using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;
using Rows = PublicPortal.Web.Features.Catalogue.OpenData;

namespace PublicPortal.Web.Pages.OpenDataPage;

[PublicPortal.Web.Features.Hosting.PublicCache(ShowsCatalogue = true, Tags = [PublicPortal.Web.Features.Hosting.OutputCacheTags.OpenData])]
public sealed class IndexModel(CatalogueService catalogue) : PageModel
{
    public IReadOnlyList<(string Title, string Path, string Filters, IReadOnlyList<string> Fields)> Datasets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var c = await catalogue.LoadAsync(cancellationToken);
        const string b = "";
        IReadOnlyList<string> Keys(IReadOnlyList<OrderedDictionary<string, object?>> rows) => rows.Count > 0 ? rows[0].Keys.ToList() : [];
        Datasets =
        [
            ("Làng nghề", SiteLinks.Api.Villages, "huyen, nghe, loai, tinh-trang, ocop=1, du-lich=1 (như trang Làng nghề)", Keys(Rows.Villages(c.Villages.Take(1), c, b))),
            ("Sản phẩm OCOP", SiteLinks.Api.Products, "sao, nhom, huyen, lang, con-hieu-luc=1 (như trang Sản phẩm)", Keys(Rows.Products(c.Products.Take(1), c, b))),
            ("Điểm đến", SiteLinks.Api.Sights, "—", Keys(Rows.Sights(c.Sights.Take(1), c, b))),
            ("Tuyến du lịch", SiteLinks.Api.Routes, "—", Keys(Rows.Routes(c.Routes.Take(1), c, b))),
        ];
        ViewData.Metadata().Title = "Dữ liệu mở";
        ViewData.Metadata().Description = "Dữ liệu mở về làng nghề, sản phẩm OCOP, điểm đến và tuyến du lịch của Bình Thuận: JSON, CSV, GeoJSON.";
    }
}
