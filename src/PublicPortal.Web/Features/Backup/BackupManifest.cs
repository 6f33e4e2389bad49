namespace PublicPortal.Web.Features.Backup;

/// <summary>What a backup holds: its files with their sizes and SHA-256, and the row counts of the database copy.</summary>
public sealed record BackupManifest(int Format, DateTime CreatedAtUtc, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<BackupFile> Files);
