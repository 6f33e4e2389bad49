using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Pages.Shared;

namespace PublicPortal.Web.Pages.News;

[PublicPortal.Web.Features.Hosting.PublicCache("page", Shows = [ContentKind.News])]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, IOptions<PortalOptions> options, Features.Content.PublishedItems published)
    : ArticleListPageModel(db, clock, options, published)
{
    protected override ContentKind Kind => ContentKind.News;
}
