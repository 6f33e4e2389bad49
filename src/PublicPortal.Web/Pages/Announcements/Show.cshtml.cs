using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Pages.Shared;

namespace PublicPortal.Web.Pages.Announcements;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPortal.Web.Features.Hosting.OutputCachePolicies.ItemPage)]
public sealed class ShowModel(PortalDbContext db, TimeProvider clock, IOptions<PortalOptions> options, MarkdownRenderer markdown, Features.Traffic.ViewCounts views) : ArticlePageModel(db, clock, options, markdown, views)
{
    protected override ContentKind Kind => ContentKind.Announcement;
}
