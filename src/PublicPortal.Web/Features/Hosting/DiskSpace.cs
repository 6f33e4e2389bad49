using System.Globalization;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>Free space where the data directory lives: a full disk must be seen before a save fails on it.</summary>
public static class DiskSpace
{
    public static long FreeBytes(string directory) => new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;

    public static string Describe(string directory)
    {
        try
        {
            return (FreeBytes(directory) / 1024d / 1024 / 1024).ToString("N1", PublicPortal.Web.Features.Content.VietnameseText.Culture) + " GB";
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return "không đọc được";
        }
    }
}
