using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Pages.Shared;

namespace PublicPortal.Web.Pages.News;

[PublicPortal.Web.Features.Hosting.PublicCache("other")]
public sealed class ShowModel(PortalDbContext db, TimeProvider clock, IOptions<PortalOptions> options, MarkdownRenderer markdown, Features.Content.PublishedItems published) : ArticlePageModel(db, clock, options, markdown, published)
{
    protected override ContentKind Kind => ContentKind.News;
}
