namespace PublicPortal.Web.Features.Backup;

public sealed record BackupFile(string Path, long Bytes, string Sha256);
