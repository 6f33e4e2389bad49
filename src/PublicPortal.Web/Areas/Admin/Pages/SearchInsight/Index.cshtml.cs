using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Search;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.SearchInsight;

/// <summary>
/// /quan-tri/tim-kiem — what readers search for (per day, never who), what found nothing, and the editors' answers to
/// it: synonyms and pinned results, both written through the write path so every node's search follows at once.
/// </summary>
public sealed class IndexModel(PortalDbContext db, ContentWriter writer, TimeProvider clock) : PageModel
{
    public static readonly int[] Periods = [7, 30, 90, 365];
    public const int Shown = 50;

    public sealed record PinRow(int Id, string Query, string Title, string Url);

    public int Days { get; private set; } = 30;
    public int Searches { get; private set; }
    public List<SearchInsightReport.Row> Top { get; private set; } = [];
    public List<SearchInsightReport.Row> NoResults { get; private set; } = [];
    public List<SearchSynonym> Synonyms { get; private set; } = [];
    public List<PinRow> Pins { get; private set; } = [];
    public IReadOnlySet<string> PinnedQueries { get; private set; } = new HashSet<string>();
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>What the forms show: prefilled from a report's row ("?tu=…"), or what was posted and refused.</summary>
    public string? SynonymDraft { get; private set; }
    public string? PinQueryDraft { get; private set; }
    public string? PinAddressDraft { get; private set; }

    public async Task OnGetAsync(int? ngay, string? tu, string? ghim)
    {
        Message = Request.Query["da"].ToString() switch
        {
            "dong-nghia" => "Đã thêm từ đồng nghĩa: tìm kiếm dùng ngay.",
            "xoa-dong-nghia" => "Đã xóa nhóm từ đồng nghĩa.",
            "ghim" => "Đã ghim kết quả: bạn đọc tìm từ khóa này sẽ thấy nó đầu tiên.",
            "bo-ghim" => "Đã bỏ ghim.",
            _ => null,
        };
        Days = ngay is { } days && Periods.Contains(days) ? days : 30;
        SynonymDraft = tu;
        PinQueryDraft = ghim;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostSynonymsAsync(string? terms)
    {
        var error = await writer.AddSynonymsAsync(terms, Actor);
        if (error is null) return Redirect(SiteLinks.Admin.SearchInsight + "?da=dong-nghia#dong-nghia");
        (Error, SynonymDraft) = (error, terms);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteSynonymsAsync(int id)
    {
        await writer.DeleteSynonymsAsync(id, Actor);
        return Redirect(SiteLinks.Admin.SearchInsight + "?da=xoa-dong-nghia#dong-nghia");
    }

    public async Task<IActionResult> OnPostPinAsync(string? query, string? address)
    {
        var error = await ItemAtAsync(address) is { } id ? await writer.PinAsync(query, id, Actor) : "Không thấy trang nào của cổng ở địa chỉ này. Hãy dán địa chỉ trang, ví dụ /lang-nghe/ten-lang.";
        if (error is null) return Redirect(SiteLinks.Admin.SearchInsight + "?da=ghim#ghim");
        (Error, PinQueryDraft, PinAddressDraft) = (error, query, address);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUnpinAsync(int id)
    {
        await writer.UnpinAsync(id, Actor);
        return Redirect(SiteLinks.Admin.SearchInsight + "?da=bo-ghim#ghim");
    }

    public string PeriodHref(int days) => SiteLinks.Admin.SearchInsight + "?ngay=" + days.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Actor => User.Identity?.Name ?? "?";

    /// <summary>The item at an address of this site, as pasted from the browser (with or without the site's origin).</summary>
    private async Task<int?> ItemAtAsync(string? address)
    {
        var path = (address ?? "").Trim();
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") path = absolute.AbsolutePath;
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        if (!path.StartsWith('/') || path.Length > 300 || ContentKinds.ItemOf(Uri.UnescapeDataString(path)) is not var (kind, slug)) return null;
        return await db.ContentItems.Where(x => x.Kind == kind && x.Slug == slug).Select(x => (int?)x.Id).SingleOrDefaultAsync();
    }

    private async Task LoadAsync()
    {
        var from = SearchInsightReport.Since(clock, Days);
        Searches = await SearchInsightReport.SearchesAsync(db, from);
        Top = await SearchInsightReport.TopAsync(db, from, withoutResults: false, Shown);
        NoResults = await SearchInsightReport.TopAsync(db, from, withoutResults: true, Shown);
        Synonyms = await db.SearchSynonyms.AsNoTracking().OrderBy(s => s.Terms).ToListAsync();
        var pins = await SearchTerms.PinsAsync(db);
        Pins = pins.OrderBy(p => p.Query, StringComparer.Ordinal).Select(p => new PinRow(p.Id, p.Text, p.Title, SiteLinks.Item(p.Kind, p.Slug))).ToList();
        PinnedQueries = pins.Select(p => p.Query).ToHashSet(StringComparer.Ordinal);
    }
}
