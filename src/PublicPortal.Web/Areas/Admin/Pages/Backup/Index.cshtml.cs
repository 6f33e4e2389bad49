using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Backup;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Areas.Admin.Pages.Backup;

/// <summary>Admins download a backup archive; the download is audited (it holds citizens' enquiries and staff accounts).</summary>
public sealed class IndexModel(PortalBackup backup, PortalDbContext db, PortalPaths paths, TimeProvider clock) : PageModel
{
    public string FreeSpace { get; private set; } = "";

    public void OnGet() => FreeSpace = DiskSpace.Describe(paths.DataDirectory);

    public async Task<IActionResult> OnPostDownloadAsync(CancellationToken cancellationToken)
    {
        // Written to a temporary file first: a failure becomes a message, not a truncated download.
        var file = Path.Combine(Path.GetTempPath(), $"portal-backup-{Guid.NewGuid():N}.zip");
        var manifest = await backup.WriteAsync(file, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now, Actor = User.Identity?.Name ?? "?", Action = AuditActions.BackupDownloaded, Target = "backup",
            Summary = $"Tải bản sao lưu: {manifest.Counts.GetValueOrDefault("ContentItems")} mục, {manifest.Files.Count - 1} tệp ảnh/tệp đính kèm",
        });
        await db.SaveChangesAsync(cancellationToken);
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose);
        Response.Headers.CacheControl = "no-store";
        return File(stream, "application/zip", $"sao-luu-cong-lang-nghe-{VietnamTime.ToOffset(now):yyyy-MM-dd-HHmm}.zip");
    }
}
