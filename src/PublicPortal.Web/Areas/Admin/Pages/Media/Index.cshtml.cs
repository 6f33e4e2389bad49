using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Media;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Media;

/// <summary>The media library: upload several images at once (a plain file input, no JavaScript needed), find, describe, delete.</summary>
[UploadLimits(MaxFiles, ImageIntake.MaxBytes)]
public sealed class IndexModel(PortalDbContext db, MediaLibrary library, PublicPortal.Web.Features.Content.ContentWriter writer, PublicPortal.Web.Features.Content.ContentRelations relations) : PageModel
{
    public const int MaxFiles = 20;

    public sealed record Outcome(string Name, string? Error);

    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public List<MediaAsset> Assets { get; private set; } = [];
    public Dictionary<int, List<ContentItem>> UsedBy { get; private set; } = [];
    public List<Outcome> Outcomes { get; } = [];
    public string? Message { get; private set; }

    private string Actor => User.Identity?.Name ?? "?";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> files)
    {
        if (files.Count == 0) Outcomes.Add(new Outcome("", "Hãy chọn ít nhất một ảnh."));
        foreach (var file in files)
        {
            // The form buffered each file to disk; one at a time comes into memory, and a too-large one not at all.
            var error = file.Length > ImageIntake.MaxBytes ? $"Ảnh lớn hơn {ImageIntake.MaxBytes / 1024 / 1024} MB." : null;
            if (error is null)
            {
                var content = new byte[file.Length];
                await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content);
                (_, error) = await library.AddAsync(content, file.FileName, Actor);
            }
            Outcomes.Add(new Outcome(MediaLibrary.DisplayName(file.FileName), error));
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDescribeAsync(int id, string? alt, bool decorative, string? caption)
    {
        var asset = await db.MediaAssets.SingleOrDefaultAsync(x => x.Id == id);
        if (asset is null) return NotFound();
        asset.Alt = MediaLibrary.Describe(alt, MediaLibrary.MaxAltLength);
        asset.Decorative = decorative;
        asset.Caption = MediaLibrary.Describe(caption, MediaLibrary.MaxCaptionLength);
        // Pages show the description: a change like any other, so the pages using the image are refreshed from the feed.
        await writer.WriteMediaAsync(asset, delete: false, Actor, "media-describe", $"Mô tả ảnh {asset.OriginalName}");
        Message = asset.Usable ? $"Đã lưu mô tả của {asset.OriginalName}." : $"Đã lưu. {asset.OriginalName} chưa có mô tả (alt) nên chưa dùng được trên trang công khai.";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var asset = await db.MediaAssets.SingleOrDefaultAsync(x => x.Id == id);
        if (asset is null) return NotFound();
        var users = await UsersOfAsync(asset.Hash);
        if (users.Count > 0)
        {
            Message = $"Chưa thể xóa {asset.OriginalName}: đang được dùng ở {string.Join(", ", users.Select(u => "“" + u.Title + "”"))}.";
            await LoadAsync();
            return Page();
        }
        await writer.WriteMediaAsync(asset, delete: true, Actor, "media-delete", $"Xóa ảnh {asset.OriginalName}");
        // The file goes after the row: a failed delete leaves an unused file, never a row without its file.
        library.DeleteFiles(asset);
        Message = $"Đã xóa {asset.OriginalName}.";
        await LoadAsync();
        return Page();
    }

    /// <summary>Items whose text, cover or photos use the image (its hash is in every address of it).</summary>
    private async Task<List<ContentItem>> UsersOfAsync(string hash) => (await UsesAsync([hash]))[hash];

    private Task<Dictionary<string, List<ContentItem>>> UsesAsync(IReadOnlyCollection<string> hashes) => relations.ImageUsesAsync(hashes);

    private async Task LoadAsync()
    {
        var assets = db.MediaAssets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            assets = assets.Where(a => a.OriginalName.Contains(q) || (a.Alt != null && a.Alt.Contains(q)) || (a.Caption != null && a.Caption.Contains(q)));
        }
        Assets = await assets.OrderByDescending(a => a.Id).Take(100).ToListAsync();
        var uses = await UsesAsync(Assets.Select(a => a.Hash).ToList());
        UsedBy = Assets.ToDictionary(a => a.Id, a => uses[a.Hash]);
    }
}
