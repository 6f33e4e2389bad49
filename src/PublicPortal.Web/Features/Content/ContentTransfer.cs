using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Content;

/// <summary>The import found problems; nothing was written. Each entry names a file and the reason.</summary>
public sealed class ContentImportException(IReadOnlyList<string> problems)
    : Exception("Import aborted, nothing was changed:\n  " + string.Join("\n  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>What an import did: items added, updated, and found identical to what is stored (left as they were).</summary>
public sealed record ImportResult(int Added, int Updated, IReadOnlyDictionary<ContentKind, int> PerKind, int Unchanged = 0)
{
    public int Total => Added + Updated + Unchanged;
}

/// <summary>
/// Moves content between the content/ folder form (Markdown + front matter, media originals) and the database.
/// Import is all-or-nothing: every file is read and checked before anything is written, then the writer writes them
/// in one transaction, each changed item with its revision, audit entry and change record like any save.
/// </summary>
public sealed class ContentTransfer(PortalDbContext db, PortalPaths paths, ContentRules rules, ContentChecks checks, ContentWriter writer, Media.MediaLibrary library, ILogger<ContentTransfer> logger)
{
    public async Task<ImportResult> ImportAsync(string directory, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
            throw new ContentImportException([$"{directory}: the folder does not exist"]);

        var (items, problems) = ReadAll(directory);
        foreach (var item in items)
        {
            foreach (var (_, problem) in rules.Check(item.Item)) problems.Add($"{item.File}: {problem}");
            foreach (var media in new[] { item.Item.Attachment }.Concat(ImagesOf(item.Item)).OfType<string>())
            {
                if (!File.Exists(Path.Combine(directory, media)))
                    problems.Add($"{item.File}: the file '{media}' it refers to is missing");
            }
        }
        var images = await CheckImagesAsync(directory, items, problems, cancellationToken);
        problems.AddRange(await checks.MissingReferencesAsync(items, cancellationToken));
        if (problems.Count > 0) throw new ContentImportException(problems);

        progress?.Report($"Read {items.Count} files; writing to the database…");
        var copied = 0;
        var result = await writer.WriteBatchAsync(
            items.Select(i => i.Item).ToList(), ContentWriter.ImportActor, $"Nhập từ {Path.GetFileName(Path.TrimEndingDirectorySeparator(directory))}",
            prepare: token => StoreImagesAsync(items, images, token),
            // Media is copied before the commit: a failed copy rolls the rows back; stray copied files are harmless.
            // Images are not copied: they entered through the library above, re-encoded without their metadata.
            finish: _ =>
            {
                copied = CopyTree(Path.Combine(directory, ContentKinds.MediaFolder), paths.MediaDirectory, file => !Media.MediaRefs.IsImageFile(file));
                return Task.CompletedTask;
            },
            cancellationToken);

        var perKind = items.GroupBy(x => x.Item.Kind).ToDictionary(g => g.Key, g => g.Count());
        logger.LogInformation("Imported {Count} items ({Added} new, {Updated} updated, {Unchanged} unchanged) and {Media} media files from {Directory}",
            items.Count, result.Added, result.Updated, result.Unchanged, copied, directory);
        return new ImportResult(result.Added, result.Updated, perKind, result.Unchanged);
    }

    public async Task<int> ExportAsync(string directory, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var count = 0;
        // The counts go with the export ("views:"), so a site set up again from it starts from them.
        var views = await db.ItemViewCounts.ToDictionaryAsync(v => v.ContentItemId, v => v.Views, cancellationToken);
        await foreach (var item in db.ContentItems.AsNoTracking().OrderBy(x => x.Kind).ThenBy(x => x.Slug).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            item.FileViews = views.GetValueOrDefault(item.Id);
            var folder = Path.Combine(directory, ContentKinds.Of(item.Kind).Folder);
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, item.Slug + ".md"), FrontMatter.Write(item), cancellationToken);
            if (++count % 50 == 0) progress?.Report($"Exported {count} items…");
        }
        // Library originals go with the export (items refer to them); renditions are made again on demand.
        var media = CopyTree(paths.MediaDirectory, Path.Combine(directory, ContentKinds.MediaFolder),
            file => !file.StartsWith("renditions" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        progress?.Report($"Exported {count} items and {media} media files to {directory}");
        return count;
    }

    private static (List<(string File, ContentItem Item)> Items, List<string> Problems) ReadAll(string directory)
    {
        var items = new List<(string File, ContentItem Item)>();
        var problems = new List<string>();
        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            if (name == ContentKinds.MediaFolder || name.StartsWith('.')) continue;
            var kind = ContentKinds.FromFolder(name);
            var files = Directory.EnumerateFiles(sub, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            if (kind is null)
            {
                if (files.Count > 0)
                    problems.Add($"{Relative(directory, files[0])}: unknown content type '{name}' (known: {string.Join(", ", ContentKinds.All.Select(k => k.Folder))})");
                continue;
            }
            foreach (var file in files)
            {
                var relative = Relative(directory, file);
                try
                {
                    var item = FrontMatter.Parse(File.ReadAllText(file), kind.Kind, Path.GetFileNameWithoutExtension(file));
                    items.Add((relative, item));
                }
                catch (ContentFormatException ex)
                {
                    problems.Add($"{relative}: {ex.Message}");
                }
            }
        }
        foreach (var duplicate in items.GroupBy(x => (x.Item.Kind, x.Item.Slug)).Where(g => g.Count() > 1))
            problems.Add($"{string.Join(" and ", duplicate.Select(d => d.File))}: duplicate slug '{duplicate.Key.Slug}'");
        return (items, problems);
    }

    /// <summary>The images an item shows: its cover and its photos.</summary>
    private static IEnumerable<string> ImagesOf(ContentItem item) =>
        new[] { item.CoverImage }.OfType<string>().Concat(item.Photos.Select(p => p.Path));

    /// <summary>
    /// Every image the items show goes through the media library's intake, as an upload does (type from content, size
    /// limits, metadata removed, re-encoded): refused ones are problems, and nothing is written unless all pass.
    /// An image byte for byte one of the library's (an export coming back) is that image.
    /// </summary>
    private async Task<Dictionary<string, (Media.IntakeResult? Result, string? Existing)>> CheckImagesAsync(
        string directory, List<(string File, ContentItem Item)> items, List<string> problems, CancellationToken cancellationToken)
    {
        var images = new Dictionary<string, (Media.IntakeResult?, string?)>(StringComparer.Ordinal);
        var known = await db.MediaAssets.Select(a => a.Hash).ToHashSetAsync(cancellationToken);
        foreach (var (file, item) in items)
        {
            foreach (var path in ImagesOf(item).Where(p => !images.ContainsKey(p) && File.Exists(Path.Combine(directory, p))))
            {
                if (!Media.MediaRefs.IsImageFile(path))
                {
                    problems.Add($"{file}: '{path}' is not an image (JPEG, PNG, WebP or GIF)");
                    continue;
                }
                var full = Path.Combine(directory, path);
                if (new FileInfo(full).Length > Media.ImageIntake.MaxStoredBytes)
                {
                    problems.Add($"{file}: the image '{path}' was refused: Ảnh lớn hơn {Media.ImageIntake.MaxBytes / 1024 / 1024} MB.");
                    continue;
                }
                var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
                if (known.Contains(Media.ImageIntake.HashOf(bytes)))
                {
                    images[path] = (null, Media.ImageIntake.HashOf(bytes));
                    continue;
                }
                var (result, error) = await Media.ImageIntake.AcceptAsync(bytes, cancellationToken);
                if (result is null) problems.Add($"{file}: the image '{path}' was refused: {error}");
                else images[path] = (result, null);
            }
        }
        return images;
    }

    /// <summary>Stores the checked images in the library and points the items at them (media/library/{hash}.{format}).</summary>
    private async Task StoreImagesAsync(List<(string File, ContentItem Item)> items, Dictionary<string, (Media.IntakeResult? Result, string? Existing)> images, CancellationToken cancellationToken)
    {
        if (images.Count == 0) return;
        var stored = new Dictionary<string, MediaAsset>(StringComparer.Ordinal);
        foreach (var (path, (result, existing)) in images)
            stored[path] = result is not null
                ? await library.StoreAsync(result, Path.GetFileName(path), "import", cancellationToken)
                : await db.MediaAssets.SingleAsync(a => a.Hash == existing, cancellationToken);
        foreach (var (_, item) in items)
        {
            if (item.CoverImage is { } cover && stored.TryGetValue(cover, out var coverAsset))
            {
                item.CoverImage = Media.MediaRefs.Of(coverAsset);
                coverAsset.Alt ??= Media.MediaLibrary.Describe(item.CoverAlt, Media.MediaLibrary.MaxAltLength); // the library keeps the first description it is given
            }
            foreach (var photo in item.Photos.Where(p => stored.ContainsKey(p.Path)))
            {
                var asset = stored[photo.Path];
                photo.Path = Media.MediaRefs.Of(asset);
                asset.Alt ??= Media.MediaLibrary.Describe(photo.Alt, Media.MediaLibrary.MaxAltLength);
                asset.Caption ??= Media.MediaLibrary.Describe(photo.Caption, Media.MediaLibrary.MaxCaptionLength);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        library.Forget();
    }

    private static int CopyTree(string from, string to, Func<string, bool> include)
    {
        if (!Directory.Exists(from)) return 0;
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (!include(Path.GetRelativePath(from, file))) continue;
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            count++;
        }
        return count;
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
