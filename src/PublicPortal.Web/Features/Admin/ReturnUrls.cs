using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace PublicPortal.Web.Features.Admin;

/// <summary>Where to go after signing in.</summary>
public static class ReturnUrls
{
    public const int MaxLength = 2048;

    /// <summary>
    /// A local address (never //host, /\host, a scheme or a control character), percent-encoded as UTF-8 where it is
    /// not plain ASCII (a Location header carries ASCII only: "/tin-túc" had answered 500); null when there is none to keep.
    /// </summary>
    public static string? Local(IUrlHelper url, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > MaxLength || !url.IsLocalUrl(returnUrl)) return null;
        var encoded = new StringBuilder(returnUrl.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in returnUrl.EnumerateRunes())
        {
            if (rune.Value is > 0x20 and < 0x7f)
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.Length <= MaxLength ? encoded.ToString() : null;
    }
}
