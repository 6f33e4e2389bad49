using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// Authenticator-app codes (RFC 6238: HMAC-SHA1, 30 s, 6 digits) that work once: the time-step of the last accepted
/// code is kept with the account, and a code of that step or an earlier one is refused. Identity's provider accepts a
/// code again for as long as its window lasts and does not tell which step matched, hence the computation here.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<PortalUser>
{
    public const string Name = "PortalAuthenticator";
    private const string Store = "[PortalAuthenticator]";
    private const string LastStep = "LastTimeStep";

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit)) return false;
        if (FromBase32(await manager.GetAuthenticatorKeyAsync(user)) is not { Length: > 0 } secret) return false;
        var now = clock.GetUtcNow().ToUnixTimeSeconds() / 30;
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, Store, LastStep), NumberStyles.None, CultureInfo.InvariantCulture, out var stored) ? stored : -1;
        // One step either way for clock drift, as RFC 6238 advises; never a step already used.
        for (var step = Math.Max(now - 1, last + 1); step <= now + 1; step++)
        {
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(token))) continue;
            // Saved with the user row's concurrency stamp: of two requests racing with one code, the second fails here.
            return (await manager.SetAuthenticationTokenAsync(user, Store, LastStep, step.ToString(CultureInfo.InvariantCulture))).Succeeded;
        }
        return false;
    }

    /// <summary>After a new key: its codes have nothing to do with the old key's steps.</summary>
    public static Task ForgetLastStepAsync(UserManager<PortalUser> manager, PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return manager.RemoveAuthenticationTokenAsync(user, Store, LastStep);
    }

    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238: authenticator apps compute TOTP codes with HMAC-SHA1; the secret, not the hash, is what protects them
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The key as Identity stores it (RFC 4648 base32, as authenticator apps read it); null if it is not base32.</summary>
    private static byte[]? FromBase32(string? key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        if (string.IsNullOrEmpty(key)) return null;
        var text = key.TrimEnd('=');
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits < 8) continue;
            bits -= 8;
            bytes[index++] = (byte)(buffer >> bits);
            buffer &= (1 << bits) - 1;
        }
        return bytes;
    }
}
