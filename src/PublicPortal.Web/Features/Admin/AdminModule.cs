using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Web.Features.Admin;

public static class AdminModule
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 6;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = true;
                o.Tokens.AuthenticatorTokenProvider = OneTimeAuthenticatorTokenProvider.Name;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(OneTimeAuthenticatorTokenProvider.Name)
            .AddErrorDescriber<VietnameseIdentityErrors>();
        // Every request is checked against the account (stamp and lockout), not once per half hour.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        builder.Services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, AccountStampValidator>());
        builder.Services.AddScoped<AccountConfirmation>();
        builder.Services.AddSingleton<AccountRateLimiter>();
        AddCookies(builder);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Staff, p => p.RequireRole(PortalRoles.Admin, PortalRoles.Editor, PortalRoles.Author))
            .AddPolicy(AdminPolicies.Publishers, p => p.RequireRole(PortalRoles.Admin, PortalRoles.Editor))
            .AddPolicy(AdminPolicies.AdminOnly, p => p.RequireRole(PortalRoles.Admin));

        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<SignInOptions>>((limiter, options) =>
        {
            var signIn = options.Value;
            limiter.AddPolicy(AdminPolicies.SignInRateLimit, http => Enquiries.EnquiryRateLimit.PostsPerAddress(http, "sign-in", signIn.PermitLimit, signIn.WindowMinutes));
        });
        builder.Services.AddScoped<AdminAccounts>();
        builder.Services.AddScoped<SiteSettings>();
        builder.Services.AddScoped<PreviewLinks>();
        builder.Services.AddScoped<Backup.PortalBackup>();
        return builder;
    }

    /// <summary>
    /// Outside Development every cookie is __Host- prefixed and Secure (the browser refuses such a cookie unless it is
    /// Secure, on Path=/ and without Domain); in Development, over plain http, they follow the request. The
    /// data-protection keys that sign them live in the database, so a restart neither signs anyone out nor breaks a
    /// form left open, and every node reads the same keys.
    /// </summary>
    private static void AddCookies(WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        string Name(string name) => development ? name : "__Host-" + name;
        var secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        // In the database, with the application name fixed: a cookie or form made by one node is valid on another and
        // after a restart, on SQLite as on PostgreSQL.
        builder.Services.AddDataProtection().SetApplicationName("PublicPortal").PersistKeysToDbContext<PortalDbContext>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = Name("portal.af");
            o.Cookie.Path = "/";
            // Secure on every https answer. Not Always: with Always, antiforgery throws on a plain-http request (a bot's
            // POST that reached the app unredirected answered 500). Over http the __Host- cookie, lacking Secure, is
            // refused by the browser, so a form there fails with 400.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        foreach (var (scheme, name) in new[]
        {
            (IdentityConstants.TwoFactorUserIdScheme, "portal.2fa"),
            (IdentityConstants.TwoFactorRememberMeScheme, "portal.2fa-remember"),
            (IdentityConstants.ExternalScheme, "portal.external"),
        })
        {
            builder.Services.Configure<CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.Name = Name(name);
                o.Cookie.Path = "/";
                o.Cookie.SecurePolicy = secure;
            });
        }
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = Name("portal.auth");
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = "/dang-nhap";
            o.LogoutPath = "/dang-xuat";
            o.AccessDeniedPath = "/loi/403";
            o.ReturnUrlParameter = "ReturnUrl";
            // A signed-in user without the role gets a real 403 (shown by the error page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Admin and sign-in responses are never stored (a shared computer's cache, a proxy), whatever their status.</summary>
    public static WebApplication UseAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/quan-tri") || path.StartsWithSegments("/dang-nhap") || path.StartsWithSegments("/dang-xuat"))
            {
                // At the start of the response: the page, antiforgery or the re-executed error page may have set their own.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });
        return app;
    }

    /// <summary>The whole admin area is protected here, once: a new page under Areas/Admin cannot be left open.</summary>
    public static void ProtectAdminArea(Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Conventions.AuthorizeAreaFolder("Admin", "/", AdminPolicies.Staff);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Review", AdminPolicies.Publishers);
        options.Conventions.AuthorizeAreaFolder("Admin", "/SearchInsight", AdminPolicies.Publishers);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Programme", AdminPolicies.Publishers);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Enquiries", AdminPolicies.Publishers);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Feedback", AdminPolicies.Publishers);
        options.Conventions.AuthorizeAreaPage("Admin", "/Content/Delete", AdminPolicies.Publishers);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Users", AdminPolicies.AdminOnly);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Audit", AdminPolicies.AdminOnly);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Backup", AdminPolicies.AdminOnly);
    }
}
