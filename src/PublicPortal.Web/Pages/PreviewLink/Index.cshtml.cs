using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Pages.PreviewLink;

/// <summary>
/// A draft opened by a preview link, without an account: never cached, never indexed, and the link is not passed on to
/// other sites. An unknown, expired or revoked link gets one plain answer (404), whichever it is.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(PreviewLinks previews, MarkdownRenderer markdown) : PageModel
{
    public ContentItem? Item { get; private set; }
    public string BodyHtml { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Item = await previews.OpenAsync(token ?? "");
        if (Item is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        BodyHtml = markdown.Render(Item.Body).Value ?? "";
        return Page();
    }
}
