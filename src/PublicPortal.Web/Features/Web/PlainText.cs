using System.Text;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// One line of text from a user (a file name, alt text, a caption) as it is stored and shown: NFC, without control
/// characters and without the bidirectional controls that make "anh\u202Egpj.exe" read as "anhexe.jpg", trimmed, bounded.
/// </summary>
public static class PlainText
{
    /// <summary>LRE, RLE, PDF, LRO, RLO (U+202A–E), the isolates LRI, RLI, FSI, PDI (U+2066–9), LRM, RLM and the Arabic letter mark.</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    /// <summary>The cleaned line, or "" when nothing is left; control characters (line breaks, tabs) become spaces.</summary>
    public static string Line(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC))
        {
            if (IsBidiControl(c)) continue;
            sb.Append(char.IsControl(c) ? ' ' : c);
        }
        var line = sb.ToString().Trim();
        if (line.Length <= maxLength) return line;
        var cut = char.IsHighSurrogate(line[maxLength - 1]) ? maxLength - 1 : maxLength; // never half a character
        return line[..cut].TrimEnd();
    }
}
