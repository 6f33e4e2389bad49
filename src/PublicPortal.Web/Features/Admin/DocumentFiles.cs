using System.Security.Cryptography;
using System.Text;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// Files attached to legal documents. The type is decided from the file's first bytes, not its name or the browser's
/// Content-Type; the stored name is generated (slug + content hash), so the uploaded name can do nothing.
/// </summary>
public static class DocumentFiles
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const string Accept = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.txt";

    private static readonly string[] ZipKinds = [".docx", ".xlsx", ".odt", ".ods"];

    /// <summary>The extension the content proves, or a Vietnamese reason for refusing it.</summary>
    public static (string? Extension, string? Error) Identify(ReadOnlySpan<byte> content, string? fileName)
    {
        if (content.Length == 0) return (null, "Tệp rỗng.");
        if (content.Length > MaxBytes) return (null, $"Tệp lớn hơn {MaxBytes / 1024 / 1024} MB.");
        if (content.StartsWith("%PDF-"u8)) return (".pdf", null);
        if (content.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
            return (ExtensionOf(fileName) == ".xls" ? ".xls" : ".doc", null);
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            // An Office or OpenDocument file is a zip: which one, only its name says; any other zip is refused.
            var extension = ExtensionOf(fileName);
            return ZipKinds.Contains(extension) ? (extension, null) : (null, "Tệp nén chỉ được nhận khi là văn bản Word, Excel hoặc OpenDocument (.docx, .xlsx, .odt, .ods).");
        }
        if (!content.Contains((byte)0) && System.Text.Unicode.Utf8.IsValid(content))
        {
            // Markup (HTML, SVG, XML) is refused even as text: it is not a document, and it is how scripts travel.
            var text = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            return text.StartsWith('<') ? (null, "Không nhận tệp HTML, SVG hoặc XML.") : (".txt", null);
        }
        return (null, "Chỉ nhận tệp PDF, Word, Excel, OpenDocument hoặc văn bản thuần (.txt).");
    }

    /// <summary>The name's extension without bidirectional or control characters, which only change how a name reads.</summary>
    private static string ExtensionOf(string? fileName) => Path.GetExtension(Web.PlainText.Line(fileName, 4096)).ToLowerInvariant();

    /// <summary>Writes the file under media/documents/ (through a temporary file, so no half-written file is ever served); returns its media path.</summary>
    public static async Task<string> StoreAsync(PortalPaths paths, string slug, string extension, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var folder = Path.Combine(paths.MediaDirectory, "documents");
        Directory.CreateDirectory(folder);
        var name = $"{slug}-{Convert.ToHexStringLower(SHA256.HashData(content))[..12]}{extension}";
        var target = Path.Combine(folder, name);
        if (!File.Exists(target))
        {
            var temporary = target + Media.MediaFiles.TemporaryMarker + Guid.NewGuid().ToString("N");
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        return "media/documents/" + name;
    }
}
