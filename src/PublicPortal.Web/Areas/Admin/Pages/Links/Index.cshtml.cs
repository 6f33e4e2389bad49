using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Links;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Links;

/// <summary>/quan-tri/lien-ket — links from published content to other sites that are broken, failing or refuse checks, with the items using them.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, IOptions<LinkCheckOptions> options) : PageModel
{
    public const int Shown = 200;

    public List<ExternalLinkReport.Row> Rows { get; private set; } = [];
    public Dictionary<LinkState, int> Counts { get; private set; } = [];
    public LinkCheckOptions Options => options.Value;
    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        if (Request.Query["da"] == "kiem-tra-lai")
            Message = $"Liên kết sẽ được kiểm tra lại trong lượt tới (mỗi {Math.Max(1, Options.PollSeconds / 60)} phút).";
        Rows = await ExternalLinkReport.ProblemsAsync(db, Shown);
        Counts = await ExternalLinkReport.CountsAsync(db);
    }

    public async Task<IActionResult> OnPostRecheckAsync(int id)
    {
        await LinkChecker.RecheckSoonAsync(db, id, clock);
        return Redirect(SiteLinks.Admin.Links + "?da=kiem-tra-lai");
    }

    public int Count(LinkState state) => Counts.GetValueOrDefault(state);

    public static string Label(LinkState state) => state switch
    {
        LinkState.Broken => "Hỏng",
        LinkState.Failing => "Đang lỗi",
        LinkState.Blocked => "Từ chối kiểm tra",
        LinkState.Ok => "Mở được",
        _ => "Chưa kiểm tra",
    };

    public static string Stamp(DateTime? utc) => utc is { } at
        ? Features.Content.VietnamTime.ToOffset(at).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)
        : "chưa";
}
