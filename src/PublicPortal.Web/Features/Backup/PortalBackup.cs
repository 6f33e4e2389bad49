using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Backup;

/// <summary>
/// One archive with everything that cannot be rebuilt: a consistent copy of the database (VACUUM INTO, taken while the
/// site serves), the media originals and the data-protection keys, with a manifest of checksums and counts. The search index and image renditions
/// are derived and are rebuilt after a restore.
/// </summary>
public sealed class PortalBackup(PortalDbContext db, PortalPaths paths)
{
    public const string ManifestName = "manifest.json";
    public const string DatabaseName = "portal.db";
    private static readonly string[] CountedTables = ["ContentItems", "Revisions", "AuditEntries", "MediaAssets", "Enquiries", "SlugRedirects", "DailyTraffic", "AspNetUsers"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the archive to <paramref name="file"/> (never over an existing file; a half-written archive is never left under that name).</summary>
    public async Task<BackupManifest> WriteAsync(string file, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target)) throw new BackupException($"{target} already exists; choose a new file name");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            BackupManifest manifest;
            await using (var output = File.Create(partial))
                manifest = await WriteAsync(output, cancellationToken);
            File.Move(partial, target);
            return manifest;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public async Task<BackupManifest> WriteAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var copy = Path.Combine(Path.GetTempPath(), $"portal-backup-{Guid.NewGuid():N}.db");
        try
        {
            await PortalDatabase.BackupAsync(db, copy, cancellationToken);
            var counts = await CountAsync(copy, cancellationToken);
            var files = new List<BackupFile>();
            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            files.Add(await AddAsync(zip, DatabaseName, copy, cancellationToken));
            if (Directory.Exists(paths.MediaDirectory))
            {
                foreach (var path in Directory.EnumerateFiles(paths.MediaDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(paths.MediaDirectory, path).Replace('\\', '/');
                    if (relative.StartsWith("renditions/", StringComparison.Ordinal) || relative.Contains(".tmp-", StringComparison.Ordinal)) continue;
                    files.Add(await AddAsync(zip, "media/" + relative, path, cancellationToken));
                }
            }
            // The data-protection keys go too: a restored site then reads the cookies and form tokens the old one issued.
            if (Directory.Exists(paths.KeysDirectory))
            {
                foreach (var path in Directory.EnumerateFiles(paths.KeysDirectory, "*.xml").Order(StringComparer.Ordinal))
                    files.Add(await AddAsync(zip, Path.GetRelativePath(paths.DataDirectory, path).Replace('\\', '/'), path, cancellationToken));
            }
            var manifest = new BackupManifest(1, DateTime.UtcNow, counts, files);
            await using (var entry = zip.CreateEntry(ManifestName).Open())
                await JsonSerializer.SerializeAsync(entry, manifest, Json, cancellationToken);
            return manifest;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(copy);
        }
    }

    /// <summary>
    /// Restores an archive into an empty data directory: every file is checked against the manifest before anything is
    /// put in place, then the database copy's counts are checked. On any mismatch nothing is left behind.
    /// </summary>
    public static async Task<BackupManifest> RestoreAsync(string file, string dataDirectory, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) throw new BackupException($"{source}: the file does not exist");
        // Empty folders (the app makes media/ as it starts) are fine; any file means a site lives here.
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).Any())
            throw new BackupException($"{dataDirectory} is not empty; restore only into an empty data directory (move the current one aside first)");
        Directory.CreateDirectory(dataDirectory);
        var staging = Path.Combine(dataDirectory, ".restore-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            BackupManifest manifest;
            using (var zip = ZipFile.OpenRead(source))
            {
                var manifestEntry = zip.GetEntry(ManifestName) ?? throw new BackupException($"{source} has no {ManifestName}: not a portal backup");
                await using (var stream = manifestEntry.Open())
                    manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken) ?? throw new BackupException("the manifest is empty");
                if (manifest.Format != 1) throw new BackupException($"backup format {manifest.Format} is not known to this version");
                foreach (var expected in manifest.Files)
                {
                    var target = Path.GetFullPath(Path.Combine(staging, expected.Path));
                    if (!target.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                        throw new BackupException($"{expected.Path}: a path outside the data directory");
                    var entry = zip.GetEntry(expected.Path) ?? throw new BackupException($"{expected.Path} is in the manifest but not in the archive");
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await using (var input = entry.Open())
                    await using (var output = File.Create(target))
                        await input.CopyToAsync(output, cancellationToken);
                    var actual = await HashAsync(target, cancellationToken);
                    if (actual.Bytes != expected.Bytes || actual.Sha256 != expected.Sha256)
                        throw new BackupException($"{expected.Path}: checksum differs from the manifest (damaged archive)");
                }
            }
            var database = Path.Combine(staging, DatabaseName);
            if (!File.Exists(database)) throw new BackupException($"the archive has no {DatabaseName}");
            var counts = await CountAsync(database, cancellationToken);
            foreach (var (table, count) in manifest.Counts)
                if (counts.GetValueOrDefault(table, -1) != count)
                    throw new BackupException($"{table}: {counts.GetValueOrDefault(table, -1)} rows in the copy, {count} in the manifest");
            SqliteConnection.ClearAllPools();
            MoveInto(staging, dataDirectory);
            return manifest;
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            // The directory held no files before: whatever a failed restore put there goes.
            foreach (var entry in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(staging, StringComparison.Ordinal)))
                File.Delete(entry);
            throw;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static void MoveInto(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Move(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) MoveInto(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static async Task<Dictionary<string, long>> CountAsync(string database, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            if (await check.ExecuteScalarAsync(cancellationToken) as string != "ok") throw new BackupException("the database copy fails PRAGMA integrity_check");
        }
        foreach (var table in CountedTables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        return counts;
    }

    private static async Task<BackupFile> AddAsync(ZipArchive zip, string name, string path, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using (var input = File.OpenRead(path))
        await using (var output = entry.Open())
            await input.CopyToAsync(output, cancellationToken);
        var (bytes, sha) = await HashAsync(path, cancellationToken);
        return new BackupFile(name, bytes, sha);
    }

    private static async Task<(long Bytes, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }
}
