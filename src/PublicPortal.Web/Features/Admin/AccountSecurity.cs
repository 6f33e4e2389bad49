using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// Checks every signed-in request against the account as stored: its security stamp (a new one on sign-out, a new
/// password, a role change, a lock, a new authenticator) and its lockout. Identity's own validator looks only once per
/// ValidationInterval (30 minutes by default) and never at lockout, so a demoted or locked account kept its rights.
/// </summary>
public sealed class AccountStampValidator(SignInManager<PortalUser> signIn, ILogger<AccountStampValidator> logger) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = await signIn.ValidateSecurityStampAsync(context.Principal);
        if (user is not null && !await signIn.UserManager.IsLockedOutAsync(user)) return;
        logger.LogInformation("Session of {User} refused: {Reason}", context.Principal?.Identity?.Name,
            user is null ? "security stamp changed or account removed" : "account locked");
        context.RejectPrincipal();
        await signIn.SignOutAsync();
    }
}

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
        HMACSHA1.HashData(secret, counter, hash);
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

/// <summary>
/// Confirms a sensitive change to one's own account (switching the authenticator off or replacing it, new recovery
/// codes): the password and a current second factor — an authenticator code, or a recovery code, which is used up.
/// A wrong answer counts toward lockout, so a stolen session cannot guess either.
/// </summary>
public sealed class AccountConfirmation(UserManager<PortalUser> users)
{
    public async Task<bool> ConfirmAsync(PortalUser user, string? password, string? code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var confirmed = !string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password) && await SecondFactorAsync(user, code?.Trim() ?? "");
        if (!confirmed) await users.AccessFailedAsync(user);
        return confirmed;
    }

    private async Task<bool> SecondFactorAsync(PortalUser user, string code)
    {
        var digits = code.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length == 6 && digits.All(char.IsAsciiDigit))
            return await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits);
        return code.Length is > 0 and <= 64 && (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded;
    }
}

/// <summary>
/// Attempts per account (sign-in by normalised e-mail, known or not; the code step by user id), whatever addresses they
/// come from: the per-address limit alone lets a spread of addresses keep guessing one account.
/// </summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountRateLimiter(IOptions<SignInOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.AccountPermitLimit;
        var window = TimeSpan.FromMinutes(options.Value.AccountWindowMinutes);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            QueueLimit = 0,
        }));
    }

    public static string SignInKey(UserManager<PortalUser> users, string email)
    {
        ArgumentNullException.ThrowIfNull(users);
        return "sign-in:" + users.NormalizeEmail(email.Trim());
    }

    public static string TwoFactorKey(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return "2fa:" + user.Id;
    }

    /// <summary>Null when the attempt may go on; otherwise a 429 (with Retry-After) that the status page explains in Vietnamese.</summary>
    public IActionResult? Refuse(string key, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        response.Headers.RetryAfter = RateLimits.Seconds(lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _limiter.Dispose();
}

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
