namespace PublicPortal.Web.Features.Media;

/// <summary>
/// Files under media/ are written to "{name}.tmp-{guid}" and then renamed, so no half-written file is ever served. A
/// process killed between the two (kill -9, power loss) leaves the temporary file behind: on start, every such file no
/// other process is still writing is deleted, and so is any empty rendition (renditions are rebuilt on request). On a
/// shared folder, one node an hour does it: several nodes starting together do not all walk the same folder.
/// </summary>
public sealed class MediaFiles(Hosting.PortalPaths paths, Hosting.NodeLeases leases, ILogger<MediaFiles> logger) : IHostedService
{
    public const string TemporaryMarker = ".tmp-";
    public const string CleanUpLease = "media-clean-up";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.MediaDirectory)) return;
        if (paths.MediaIsShared && !await leases.TryTakeAsync(CleanUpLease, TimeSpan.FromHours(1), cancellationToken))
        {
            logger.LogInformation("Another node cleaned the shared media folder within the hour; not cleaning it again");
            return;
        }
        var renditions = paths.RenditionsDirectory;
        // On a shared folder another node may be writing one now, and its lock may not reach across machines: only
        // leftovers an hour old go there.
        var leftovers = Directory.EnumerateFiles(paths.MediaDirectory, "*" + TemporaryMarker + "*", SearchOption.AllDirectories)
            .Where(f => !paths.MediaIsShared || File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddHours(-1))
            .Concat(paths.MediaIsShared && Directory.Exists(renditions) ? Directory.EnumerateFiles(renditions, "*" + TemporaryMarker + "*") : []);
        var empty = Directory.Exists(renditions)
            ? Directory.EnumerateFiles(renditions).Where(f => !f.Contains(TemporaryMarker, StringComparison.Ordinal) && new FileInfo(f).Length == 0)
            : [];
        var deleted = 0;
        foreach (var file in leftovers.Concat(empty).ToList())
        {
            try
            {
                // A writer holds a lock on its file (FileShare.None or Read); an exclusive open fails while one does, for
                // instance an import run from the command line beside this site.
                using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) { }
                File.Delete(file);
                deleted++;
            }
            catch (IOException)
            {
                // still being written, or already gone
            }
            catch (UnauthorizedAccessException ex)
            {
                logger.LogWarning(ex, "Cannot delete the leftover media file {File}", file);
            }
        }
        if (deleted > 0) logger.LogInformation("Deleted {Count} leftover temporary or empty media files", deleted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
