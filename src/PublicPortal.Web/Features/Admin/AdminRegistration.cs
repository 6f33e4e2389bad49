using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Web.Features.Admin;

public sealed class SignInOptions
{
    public const string Section = "Portal:SignIn";

    /// <summary>Sign-in and password posts per address per window; beyond it, 429.</summary>
    public int PermitLimit { get; set; } = 10;

    public int WindowMinutes { get; set; } = 5;
}

public static class AdminPolicies
{
    /// <summary>Any member of staff (the whole /quan-tri area).</summary>
    public const string Staff = "staff";

    /// <summary>Admins only (users, audit log).</summary>
    public const string AdminOnly = "admin-only";

    public const string SignInRateLimit = "sign-in";
}

public static class AdminRegistration
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
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<VietnameseIdentityErrors>();
        var development = builder.Environment.IsDevelopment();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
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
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Staff, p => p.RequireRole(PortalRoles.Admin, PortalRoles.Editor))
            .AddPolicy(AdminPolicies.AdminOnly, p => p.RequireRole(PortalRoles.Admin));

        var signIn = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AdminPolicies.SignInRateLimit, http => Enquiries.EnquiryRateLimit.PostsPerAddress(http, signIn.PermitLimit, signIn.WindowMinutes));
        });
        builder.Services.AddScoped<ContentEditor>();
        builder.Services.AddScoped<AdminAccounts>();
        builder.Services.AddScoped<SiteSettings>();
        builder.Services.AddScoped<Backup.PortalBackup>();
        return builder;
    }

    /// <summary>The whole admin area is protected here, once: a new page under Areas/Admin cannot be left open.</summary>
    public static void ProtectAdminArea(Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Conventions.AuthorizeAreaFolder("Admin", "/", AdminPolicies.Staff);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Users", AdminPolicies.AdminOnly);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Audit", AdminPolicies.AdminOnly);
        options.Conventions.AuthorizeAreaFolder("Admin", "/Backup", AdminPolicies.AdminOnly);
    }

    /// <summary>
    /// An item's former address answers 301 with its current one — only where the matched endpoint is an item's page
    /// (its route has a slug): a literal endpoint such as /dang-nhap is never redirected, whatever an editor renamed.
    /// </summary>
    public static WebApplication UseSlugRedirects(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint() as RouteEndpoint;
            var itemPage = endpoint is null || endpoint.RoutePattern.Parameters.Any(p => p.Name == "slug");
            if (itemPage && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                var item = TrafficMiddleware.ItemOf(context.Request.Path.Value ?? "/");
                if (item is { } key)
                {
                    var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
                    var redirects = await cache.GetOrCreateAsync(ContentEditor.RedirectsCacheKey, async entry =>
                    {
                        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                        var db = context.RequestServices.GetRequiredService<PortalDbContext>();
                        return await (from r in db.SlugRedirects
                                      join i in db.ContentItems on r.ContentItemId equals i.Id
                                      select new { r.Kind, r.OldSlug, i.Slug }).AsNoTracking()
                            .ToDictionaryAsync(x => (x.Kind, x.OldSlug), x => x.Slug);
                    });
                    if (redirects!.TryGetValue(key, out var slug))
                    {
                        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                        context.Response.Headers.Location = ContentKinds.UrlOf(key.Item1, slug) + context.Request.QueryString;
                        return;
                    }
                }
            }
            await next(context);
        });
        return app;
    }
}

/// <summary>Identity's messages, in Vietnamese.</summary>
internal sealed class VietnameseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Mật khẩu phải có ít nhất {length} ký tự." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Mật khẩu phải có ít nhất {uniqueChars} ký tự khác nhau." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Mật khẩu hiện tại không đúng." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Email {email} đã có tài khoản." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Tên đăng nhập {userName} đã có tài khoản." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"Email “{email}” không hợp lệ." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Mã xác thực không hợp lệ hoặc đã hết hạn." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Tài khoản vừa được người khác thay đổi; hãy thử lại." };
}
