using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;
using Rows = PublicPortal.Web.Features.Catalogue.OpenData;

namespace PublicPortal.Web.Pages.OpenDataPage;

/// <summary>/du-lieu-mo and /en/open-data: one view, its words from the resx files in the address's language.</summary>
[PublicPortal.Web.Features.Hosting.PublicCache(ShowsCatalogue = true, Tags = [PublicPortal.Web.Features.Hosting.OutputCacheTags.OpenData])]
public sealed class IndexModel(CatalogueService catalogue, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, Microsoft.Extensions.Options.IOptions<OpenDataOptions> license) : PageModel
{
    /// <summary>Each dataset: the resource keys of its name and filters, its address, and its fields.</summary>
    public IReadOnlyList<(string TitleKey, string Path, string FiltersKey, IReadOnlyList<string> Fields)> Datasets { get; private set; } = [];

    public bool English { get; private set; }

    public OpenDataOptions License => license.Value;

    /// <summary>When the data last changed (UTC).</summary>
    public DateTime Modified { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        English = EnglishSite.IsEnglish(HttpContext);
        var c = await catalogue.LoadAsync(cancellationToken);
        Modified = c.ModifiedUtc;
        const string b = "";
        IReadOnlyList<string> Keys(IReadOnlyList<OrderedDictionary<string, object?>> rows) => rows.Count > 0 ? rows[0].Keys.ToList() : [];
        Datasets =
        [
            ("Nav.Villages", SiteLinks.Api.Villages, "OpenData.Filters.Villages", Keys(Rows.Villages(c.Villages.Take(1), c, b))),
            ("Nav.Products", SiteLinks.Api.Products, "OpenData.Filters.Products", Keys(Rows.Products(c.Products.Take(1), c, b))),
            ("Nav.Sights", SiteLinks.Api.Sights, "OpenData.Filters.None", Keys(Rows.Sights(c.Sights.Take(1), c, b))),
            ("Nav.Routes", SiteLinks.Api.Routes, "OpenData.Filters.None", Keys(Rows.Routes(c.Routes.Take(1), c, b))),
        ];
        var meta = ViewData.Metadata();
        meta.Title = localizer["OpenData.Title"];
        meta.Description = localizer["OpenData.Description"];
        meta.OtherLanguage = English ? SiteLinks.OpenData : EnglishSite.OpenData;
    }
}
