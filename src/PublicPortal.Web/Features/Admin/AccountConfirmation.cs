using Microsoft.AspNetCore.Identity;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

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
