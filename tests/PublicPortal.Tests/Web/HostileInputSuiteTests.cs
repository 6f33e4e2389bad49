using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Hostile inputs through every way in: query strings, route values, headers, the public forms and the editor. None may
/// answer 500, store what it should not, or echo markup unescaped; the site answers /healthz afterwards.
/// </summary>
public sealed class HostileInputSuiteTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "'><img src=x onerror=alert(1)>", "javascript:alert(1)",
        "{{7*7}}", "${7*7}", "../../../../etc/passwd", "..%2f..%2fportal.db", "%00", "\u0000", "\u202Egpj.exe", "' OR 1=1 --",
        "\"; DROP TABLE ContentItems; --", "*:*", "title:(a OR b)^999", "\"unclosed", "((((((((((", "a~2~2~2", "?*?*?*?*", "\\",
        new string('a', 5_000), string.Concat(Enumerable.Repeat("gốm ", 400)), "ế\u0301\u0301\u0301", "\uD800", "%E0%A4%A", "+=-@", "\r\nSet-Cookie: x=1",
    ];

    private static readonly string[] QueryTargets =
    [
        "/tim-kiem?q={0}", "/tim-kiem?q=gom&loai={0}&huyen={0}&trang={0}", "/api/search/suggest?q={0}", "/tin-tuc?trang={0}", "/thong-bao?trang={0}",
        "/van-ban?q={0}&loai={0}", "/lang-nghe?nghe={0}&huyen={0}&trang={0}", "/san-pham?sao={0}&nhom={0}", "/api/villages?format={0}&nghe={0}",
        "/api/products?format=csv&huyen={0}", "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc?other={0}", "/dang-nhap?ReturnUrl={0}",
    ];

    private static readonly string[] RouteTargets =
    [
        "/tin-tuc/{0}", "/lang-nghe/{0}", "/san-pham/{0}", "/san-pham/{0}/hoi-mua", "/van-ban/{0}/tai-ve", "/tuyen-du-lich/{0}.gpx",
        "/tuyen-du-lich/{0}.geojson", "/anh/{0}", "/media/{0}", "/chuong-trinh/{0}/tien-do", "/{0}",
    ];

    public static TheoryData<string> QueryInputs()
    {
        var data = new TheoryData<string>();
        foreach (var target in QueryTargets)
            foreach (var payload in Payloads)
                data.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, target, Uri.EscapeDataString(Safe(payload))));
        return data;
    }

    public static TheoryData<string> RouteInputs()
    {
        var data = new TheoryData<string>();
        foreach (var target in RouteTargets)
            // A NUL in the path: Kestrel answers 400 before the app; the in-process test server cannot even send it.
            foreach (var payload in Payloads.Where(p => p.Length < 1_000 && p is not ("%00" or "\u0000")))
                data.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, target, Uri.EscapeDataString(Safe(payload))));
        return data;
    }

    /// <summary>A lone surrogate cannot be escaped into a URL; it stands for itself as the replacement a client would send.</summary>
    private static string Safe(string payload) => payload.Replace("\uD800", "\uFFFD", StringComparison.Ordinal);

    private static void AssertSafe(HttpResponseMessage response, string body, string input)
    {
        Assert.True((int)response.StatusCode < 500, $"{input}: {(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert(1)", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg onload", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("x"), "header injection");
    }

    [Theory]
    [MemberData(nameof(QueryInputs), DisableDiscoveryEnumeration = true)]
    public async Task Query_strings_never_answer_500_nor_echo_markup(string url)
    {
        var response = await factory.CreateReader().GetAsync(url);
        AssertSafe(response, await response.Content.ReadAsStringAsync(), url);
    }

    [Theory]
    [MemberData(nameof(RouteInputs), DisableDiscoveryEnumeration = true)]
    public async Task Route_values_never_answer_500_nor_leak_files(string url)
    {
        var response = await factory.CreateReader().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        AssertSafe(response, body, url);
        Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
        Assert.False(body.StartsWith("SQLite format 3", StringComparison.Ordinal), url);
    }

    public static TheoryData<string, string> HostileHeaders => new()
    {
        { "X-Forwarded-For", "<script>alert(1)</script>" },
        { "X-Forwarded-For", "1.2.3.4, ::ffff:zz, " + new string('9', 2_000) },
        { "X-Forwarded-Proto", "javascript" },
        { "User-Agent", new string('A', 8_000) },
        { "User-Agent", "<script>alert(1)</script>" },
        { "Referer", "javascript:alert(1)" },
        { "Referer", "http://[::1" },
        { "Accept-Language", "<script>;q=abc, *;q=9999" },
        { "Cookie", "__Host-portal.auth=AAAA; .AspNetCore.Antiforgery=%%%; a" },
        { "Cookie", new string(';', 3_000) },
        { "If-Modified-Since", "not a date" },
        { "Range", "bytes=-1-2,99999999999999999999-" },
        { "Accept-Encoding", "br;q=NaN, gzip;q=-1" },
        { "Sec-Fetch-Site", "<script>" },
        { "Origin", "null" },
    };

    [Theory]
    [MemberData(nameof(HostileHeaders))]
    public async Task Hostile_headers_never_answer_500(string name, string value)
    {
        foreach (var url in new[] { "/", "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc", "/tim-kiem?q=gom", "/api/villages", "/dang-nhap" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation(name, value);
            var response = await factory.CreateReader().SendAsync(request);
            AssertSafe(response, await response.Content.ReadAsStringAsync(), $"{name}: {value[..Math.Min(40, value.Length)]} on {url}");
        }
    }

    [Fact]
    public async Task Hostile_public_form_posts_store_nothing_unescaped_and_never_answer_500()
    {
        var reader = factory.CreateReader();
        var posted = 0;
        foreach (var payload in Payloads)
        {
            var enquiry = await reader.PostAsync("/san-pham/gom-cham-son-hoa/hoi-mua", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Form.Name"] = payload, ["Form.Contact"] = payload, ["Form.Message"] = payload + " — tôi muốn hỏi giá sản phẩm này.",
            }));
            AssertSafe(enquiry, await enquiry.Content.ReadAsStringAsync(), "enquiry " + payload);
            var signIn = await reader.PostAsync("/dang-nhap?ReturnUrl=" + Uri.EscapeDataString(Safe(payload)), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = payload, ["Password"] = payload,
            }));
            AssertSafe(signIn, await signIn.Content.ReadAsStringAsync(), "sign-in " + payload);
            posted++;
        }
        Assert.Equal(Payloads.Length, posted);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Hostile_editor_input_is_stored_as_text_and_rendered_escaped()
    {
        // A site of its own: the public-form test spends this address's sign-in allowance.
        await using var site = new PortalFactory();
        var editor = await StaffClient.SignedInAsync(site, "suite@example.vn", PortalRoles.Editor);
        var reader = site.CreateReader();
        var saved = new List<string>();
        var i = 0;
        foreach (var payload in Payloads.Where(p => p.Length < 300))
        {
            var slug = $"tin-doc-hai-{i++}";
            var response = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", new()
            {
                ["loai"] = "news", ["Title"] = "Tin " + payload, ["Slug"] = slug, ["Summary"] = payload, ["Published"] = "true",
                ["PublishedAt"] = "2026-11-28T09:00", ["Body"] = $"{payload}\n\n[liên kết]({payload})\n\n<b onclick=alert(1)>x</b>", ["Details.CoverAlt"] = payload, ["Version"] = "0",
            }, "/quan-tri/noi-dung/sua?loai=news");
            AssertSafe(response, await response.Content.ReadAsStringAsync(), "editor " + payload);
            if (response.StatusCode == HttpStatusCode.Redirect) saved.Add(slug);
        }
        Assert.NotEmpty(saved);
        foreach (var slug in saved)
        {
            var page = await reader.GetAsync("/tin-tuc/" + slug);
            var body = await page.Content.ReadAsStringAsync();
            AssertSafe(page, body, slug);
            Assert.DoesNotContain("href=\"javascript:", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b onclick", body, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var url in new[] { "/tin-tuc", "/rss.xml", "/sitemap.xml", "/tim-kiem?q=tin", "/quan-tri/noi-dung" })
        {
            var client = url.StartsWith("/quan-tri", StringComparison.Ordinal) ? editor : reader;
            var response = await client.GetAsync(url);
            AssertSafe(response, await response.Content.ReadAsStringAsync(), url);
        }
        await site.WithDbAsync(async db => Assert.DoesNotContain(await db.ContentItems.Select(x => x.Title).ToListAsync(), t => t.Contains('\u202E')));
    }

    [Fact]
    public async Task Oversized_and_malformed_bodies_get_4xx_not_500()
    {
        var reader = factory.CreateReader();
        var huge = new StringContent("Form.Message=" + new string('a', 5 * 1024 * 1024), Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await reader.PostAsync("/san-pham/gom-cham-son-hoa/hoi-mua", huge);
        Assert.InRange((int)response.StatusCode, 400, 499);
        var malformed = new StringContent("%%%&&&=%ZZ", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.InRange((int)(await reader.PostAsync("/san-pham/gom-cham-son-hoa/hoi-mua", malformed)).StatusCode, 200, 499);
        var wrongType = new StringContent("{\"a\":" + new string('[', 10_000) + "}", Encoding.UTF8, "application/json");
        Assert.InRange((int)(await reader.PostAsync("/dang-nhap", wrongType)).StatusCode, 200, 499);
        Assert.InRange((int)(await reader.PostAsync("/api/villages", wrongType)).StatusCode, 200, 499);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/healthz")).StatusCode);
    }
}
