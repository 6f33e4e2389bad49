using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Tests.Admin;

/// <summary>A browser-like client (cookies, https, no automatic redirects) that signs in as a member of staff.</summary>
internal static class StaffClient
{
    public const string Password = "mat-khau-thu-nghiem-2026";

    public static HttpClient Anonymous(PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });

    public static async Task CreateUserAsync(PortalFactory factory, string email, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var problems = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().CreateAsync(email, role, Password, "test");
        Assert.Empty(problems);
    }

    public static async Task<HttpClient> SignedInAsync(PortalFactory factory, string email, string role)
    {
        await CreateUserAsync(factory, email, role);
        return (await SignInAsync(factory, email)).Client;
    }

    /// <summary>A new session of an existing account, with its auth cookie ("name=value") as a thief would copy it.</summary>
    public static async Task<(HttpClient Client, string Cookie)> SignInAsync(PortalFactory factory, string email, string password = Password)
    {
        var client = Anonymous(factory);
        var response = await PostFormAsync(client, "/dang-nhap", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(v => v.Contains("portal.auth=", StringComparison.Ordinal));
        return (client, cookie.Split(';')[0]);
    }

    /// <summary>A client that sends only the given cookie, whatever the site answers (a copied cookie replayed).</summary>
    public static HttpClient Replaying(PortalFactory factory, string cookie)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<string> IdOfAsync(PortalFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>True when the response sends the visitor to sign in (what an unauthenticated admin request gets).</summary>
    public static bool IsSentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/dang-nhap", StringComparison.Ordinal);

    /// <summary>GETs the form page for its antiforgery token, then posts the fields with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var (_, _, page) = await Html.GetAsync(client, formPage ?? url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>The edit form's current values, as a browser would post them back.</summary>
    public static async Task<Dictionary<string, string>> EditFormAsync(HttpClient client, string url)
    {
        var (_, _, page) = await Html.GetAsync(client, url);
        var form = page.QuerySelector("form.editor")!;
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            if (input.LocalName == "select")
            {
                var option = input.QuerySelector("option[selected]") ?? input.QuerySelector("option");
                fields[input.GetAttribute("name")!] = option?.GetAttribute("value") ?? "";
                continue;
            }
            var name = input.GetAttribute("name")!;
            if (input.GetAttribute("type") == "checkbox")
            {
                if (input.HasAttribute("checked")) fields[name] = "true";
                continue;
            }
            if (fields.ContainsKey(name)) continue; // the checkbox's hidden "false" comes after it
            fields[name] = input.LocalName == "textarea" ? input.TextContent : input.GetAttribute("value") ?? "";
        }
        return fields;
    }
}
