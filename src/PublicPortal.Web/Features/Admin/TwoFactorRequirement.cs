using Microsoft.AspNetCore.Identity;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

public static class TwoFactorRequirement
{
    /// <summary>When admins require it, staff without an authenticator can open only the enrolment page until they add one.</summary>
    public static WebApplication UseTwoFactorRequirement(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/quan-tri") && !path.StartsWithSegments(Authenticator.EnrolPath) && context.User.Identity?.IsAuthenticated == true
                && await context.RequestServices.GetRequiredService<SiteSettings>().RequireTwoFactorAsync())
            {
                var users = context.RequestServices.GetRequiredService<UserManager<PortalUser>>();
                var user = await users.GetUserAsync(context.User);
                if (user is not null && !user.TwoFactorEnabled)
                {
                    context.Response.Redirect(Authenticator.EnrolPath + "?bat-buoc=1");
                    return;
                }
            }
            await next(context);
        });
        return app;
    }
}
