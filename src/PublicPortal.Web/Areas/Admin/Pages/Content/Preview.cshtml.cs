using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

/// <summary>A draft or scheduled item as it will read, at an address only signed-in staff can open; and its preview links for people without an account.</summary>
public sealed class PreviewModel(PortalDbContext db, MarkdownRenderer markdown, TimeProvider clock, PreviewLinks previews, Features.Hosting.SiteUrls urls) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public string State { get; private set; } = "";
    public List<PreviewLink> Links { get; private set; } = [];

    /// <summary>The link just created: shown once (only its hash is kept).</summary>
    public string? NewLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Links let people without an account read a draft: an editor's decision, as publishing is.</summary>
    public bool MayShare => User.IsInRole(PortalRoles.Admin) || User.IsInRole(PortalRoles.Editor);

    public async Task<IActionResult> OnPostCreateAsync(int id, int days)
    {
        if (!MayShare) return Forbid();
        if (!await LoadAsync(id)) return NotFound();
        if (await previews.CreateAsync(id, days, User.Identity?.Name ?? "?") is not { } token) return BadRequest();
        NewLink = urls.Absolute(PreviewLinks.Url(token)); // the configured address, never the request's Host header
        Links = await previews.ForItemAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, int link)
    {
        if (!MayShare) return Forbid();
        if (!await previews.RevokeAsync(id, link, User.Identity?.Name ?? "?")) return NotFound();
        return Redirect(Features.Web.SiteLinks.Admin.Preview(id));
    }

    public bool IsLive(PreviewLink link) => link.RevokedAtUtc is null && link.ExpiresAtUtc > clock.GetUtcNow().UtcDateTime;

    private async Task<bool> LoadAsync(int id)
    {
        var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        if (item is null) return false;
        Item = item;
        BodyHtml = markdown.Render(item.Body).Value ?? "";
        State = item.Status == ContentStatus.Draft ? (item.Review == ReviewState.Submitted ? "chờ duyệt, chưa đăng" : "bản nháp, chưa đăng")
            : item.PublishedAtUtc > clock.GetUtcNow().UtcDateTime ? "hẹn giờ đăng, chưa hiện trên cổng"
            : "đã đăng";
        Links = await previews.ForItemAsync(id);
        return true;
    }
}
