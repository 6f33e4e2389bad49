using PublicPortal.Web.Features.Content;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Programme;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Programme;

/// <summary>
/// A plan's figures without YAML: enter or correct a target's yearly value with its source, remove one, set a task's
/// status. Every change goes through the editor's one write path, so it has a revision, an audit entry and a version check.
/// </summary>
public sealed class FiguresModel(PortalDbContext db, ContentWriter editor, CatalogueService catalogue, TimeProvider clock) : PageModel
{
    public ContentItem Plan { get; private set; } = null!;
    public PlanProgress Progress { get; private set; } = null!;
    public string? Message { get; private set; }
    public int CurrentYear => PublicPortal.Web.Features.Content.VietnamTime.ToOffset(clock.GetUtcNow().UtcDateTime).Year;

    private string Actor => User.Identity?.Name ?? "?";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Request.Query.ContainsKey("da-luu")) Message = "Đã lưu.";
        return Page();
    }

    /// <summary>Adds a year's figure, or replaces that year's.</summary>
    public async Task<IActionResult> OnPostValueAsync(int id, int version, string? target, int year, string? value, string? source, string? sourceUrl)
    {
        if (!await LoadAsync(id)) return NotFound();
        var goal = Plan.Targets.SingleOrDefault(t => ProgressTracker.KeyOf(t) == target);
        if (goal is null || goal.Measure is not null) return NotFound(); // computed figures are not entered
        var key = $"Value{target}";
        if (year is < 2000 or > 2100) ModelState.AddModelError(key, "Năm phải trong khoảng 2000–2100.");
        var number = ParseNumber(value);
        if (number is null) ModelState.AddModelError(key, "Số liệu phải là một số (dấu phẩy thập phân, ví dụ 12,5).");
        if (string.IsNullOrWhiteSpace(source)) ModelState.AddModelError(key, "Hãy ghi nguồn của số liệu (báo cáo, văn bản, trang tin…).");
        if (!string.IsNullOrWhiteSpace(sourceUrl) && !(Uri.TryCreate(sourceUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            ModelState.AddModelError(key, "Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://.");
        if (!ModelState.IsValid) return Page();

        goal.Values.RemoveAll(v => v.Year == year);
        goal.Values.Add(new IndicatorValue
        {
            Year = year, Value = number!.Value, Source = source!.Trim()[..Math.Min(source.Trim().Length, 300)],
            SourceUrl = string.IsNullOrWhiteSpace(sourceUrl) ? null : sourceUrl.Trim(),
            Updated = DateOnly.FromDateTime(PublicPortal.Web.Features.Content.VietnamTime.ToOffset(clock.GetUtcNow().UtcDateTime).DateTime),
        });
        goal.Values.Sort((a, b) => a.Year.CompareTo(b.Year));
        return await SaveAsync(id, version);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int version, string? target, int year)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Plan.Targets.SingleOrDefault(t => ProgressTracker.KeyOf(t) == target) is not { } goal || goal.Values.RemoveAll(v => v.Year == year) == 0) return NotFound();
        return await SaveAsync(id, version);
    }

    public async Task<IActionResult> OnPostTaskAsync(int id, int version, int task, string? status)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Plan.Tasks.SingleOrDefault(t => t.Number == task) is not { } item) return NotFound();
        if (!string.IsNullOrEmpty(status) && !ProgressTracker.TaskStatuses.Contains(status))
        {
            ModelState.AddModelError($"Task{task}", "Tình trạng không hợp lệ.");
            return Page();
        }
        item.Status = string.IsNullOrEmpty(status) ? null : status;
        return await SaveAsync(id, version);
    }

    private async Task<IActionResult> SaveAsync(int id, int version)
    {
        switch (await editor.SaveAsync(Plan, id, version, Actor))
        {
            case SaveOutcome.Saved:
                return Redirect($"{SiteLinks.Admin.Figures(id)}?da-luu=1");
            case SaveOutcome.Conflict conflict:
                await LoadAsync(id);
                Message = $"Không lưu: {conflict.TheirActor} vừa sửa kế hoạch này lúc {PublicPortal.Web.Features.Content.VietnamTime.ToOffset(conflict.TheirTimeUtc):HH:mm dd/MM/yyyy}. Trang đã tải lại số liệu mới nhất; hãy nhập lại.";
                return Page();
            case SaveOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors) ModelState.AddModelError(field, message);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>Vietnamese decimals ("12,5") and plain ones ("12.5").</summary>
    private static decimal? ParseNumber(string? text)
    {
        var trimmed = (text ?? "").Trim().Replace(" ", "", StringComparison.Ordinal);
        if (trimmed.Length is 0 or > 20) return null;
        return decimal.TryParse(trimmed, NumberStyles.Number, PublicPortal.Web.Features.Content.VietnameseText.Culture, out var vi) && !trimmed.Contains('.', StringComparison.Ordinal) ? vi
            : decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var invariant) && !trimmed.Contains(',', StringComparison.Ordinal) ? invariant
            : null;
    }

    private async Task<bool> LoadAsync(int id)
    {
        var plan = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.Kind == ContentKind.Plan);
        if (plan is null) return false;
        Plan = plan;
        Progress = ProgressTracker.Measure(plan, await catalogue.LoadAsync());
        return true;
    }
}
