using System.Globalization;
using System.Text;

namespace PublicPortal.Web.Features.Content;

/// <summary>Folding and slugging of Vietnamese text: NFC first, marks stripped, đ folded by hand (it has no decomposition).</summary>
public static class VietnameseText
{
    /// <summary>Vietnamese number and date conventions (1.234,5), looked up once: each lookup by name takes a lock.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Vietnamese alphabetical order (Đ after D, marks after the plain letter), for lists people scan.</summary>
    public static readonly StringComparer Collation = StringComparer.Create(Culture, ignoreCase: false);

    /// <summary>The words of a text with one space between them, none around.</summary>
    public static string SingleSpaced(string text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Nfc(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>Lower case ASCII-ish form for diacritic-insensitive comparison ("Đường" → "duong").</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = Nfc(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public const int MaxSlugLength = 80;

    /// <summary>URL slug from a title: "Làng gốm Bình Đức" → "lang-gom-binh-duc".</summary>
    public static string Slugify(string? text)
    {
        var folded = Fold(text);
        var sb = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && sb.Length > 0) sb.Append('-');
                sb.Append(c);
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }
        var slug = sb.ToString();
        if (slug.Length <= MaxSlugLength) return slug;
        // Cut at a word boundary so a long title does not end in half a word.
        var cut = slug.LastIndexOf('-', MaxSlugLength);
        return cut > 0 ? slug[..cut] : slug[..MaxSlugLength];
    }

    public static bool IsValidSlug(string slug) =>
        slug.Length is > 0 and <= MaxSlugLength && Slugify(slug) == slug;
}
