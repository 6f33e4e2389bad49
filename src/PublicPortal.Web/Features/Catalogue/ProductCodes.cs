using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>
/// The short, permanent code of an OCOP product's QR label: six characters of Crockford's base 32 (no I, L, O or U, so
/// nothing is misread from a printed label; typed with them, they are read as 1 and 0).
/// </summary>
public static class ProductCodes
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 6;

    /// <summary>
    /// A product's first code, from its address: the same content imported into a new database gives every product the
    /// code it had, so labels printed before a rebuild keep working. <paramref name="attempt"/> moves on past a collision.
    /// </summary>
    public static string For(string slug, int attempt = 0)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(attempt == 0 ? "product/" + slug : $"product/{slug}#{attempt}"));
        var bits = BitConverter.ToUInt64(hash, 0);
        var code = new char[Length];
        for (var i = 0; i < Length; i++, bits >>= 5) code[i] = Alphabet[(int)(bits & 31)];
        return new string(code);
    }

    /// <summary>The code as stored ("k7m-2qx" → "K7M2QX"), or null when it is not one.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20) return null;
        var chars = code.Where(c => c is not ('-' or ' ')).Select(c => char.ToUpperInvariant(c) switch
        {
            'O' => '0',
            'I' or 'L' => '1',
            var other => other,
        }).ToArray();
        return chars.Length == Length && chars.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? new string(chars) : null;
    }

    /// <summary>
    /// Gives a product its code as it is written: the one it has kept (a code never changes), else the one its file
    /// brings when no other product has it, else its first code. Returns a message when a file's code belongs to another
    /// product, or when a save tries to change a kept code.
    /// </summary>
    public static async Task<string?> AssignAsync(PortalDbContext db, ContentItem edited, ContentItem? current, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(edited);
        if (edited.Kind != ContentKind.Product || edited.Product is not { } product) return null;
        if (current?.Product?.Code is { } kept)
        {
            if (product.Code is { } other && other != kept) return $"Mã nhãn QR của sản phẩm ({kept}) không đổi được: nhãn đã in dẫn tới mã này.";
            product.Code = kept;
            return null;
        }
        var id = current?.Id ?? 0;
        if (product.Code is { } brought)
            return await TakenAsync(db, brought, id, cancellationToken) ? $"Mã nhãn QR {brought} đã thuộc một sản phẩm khác." : null;
        for (var attempt = 0; ; attempt++)
        {
            product.Code = For(edited.Slug, attempt);
            if (!await TakenAsync(db, product.Code, id, cancellationToken)) return null;
        }
    }

    private static Task<bool> TakenAsync(PortalDbContext db, string code, int id, CancellationToken cancellationToken) =>
        db.ContentItems.AnyAsync(x => x.Kind == ContentKind.Product && x.Id != id && x.Product!.Code == code, cancellationToken);
}
