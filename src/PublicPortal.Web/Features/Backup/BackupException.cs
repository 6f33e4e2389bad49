namespace PublicPortal.Web.Features.Backup;

public sealed class BackupException(string message) : Exception(message);
