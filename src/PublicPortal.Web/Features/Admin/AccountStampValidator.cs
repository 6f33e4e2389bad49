using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using PublicPortal.Web.Data;

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
