using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Pages;

/// <summary>
/// "Trang này có hữu ích không? / Báo lỗi trang này" on every public page: the answer and the report are stored with
/// their page, abuse is refused (honeypot, other sites, other addresses, floods, the same post twice), and staff read,
/// handle and export them, with a count per page on the analytics page.
/// </summary>
public sealed class PageFeedbackTests : IAsyncLifetime
{
    private const string Village = "/lang-nghe/gom-binh-duc";
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:Feedback:PermitLimit"] = "3" } };
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _factory.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static FormUrlEncodedContent Post(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private static FormUrlEncodedContent Report(string page, string message, string contact = "", string website = "") =>
        Post(("trang", page), ("Form.Message", message), ("Form.Contact", contact), ("Form.Website", website));

    private async Task<List<PageFeedback>> StoredAsync()
    {
        var list = new List<PageFeedback>();
        await _factory.WithDbAsync(async db => list = await db.PageFeedback.AsNoTracking().OrderBy(f => f.Id).ToListAsync());
        return list;
    }

    [Theory]
    [InlineData("/")]
    [InlineData(Village)]
    [InlineData("/tin-tuc")]
    [InlineData("/tim-kiem?q=gom")]
    [InlineData("/trang-khong-co")]
    public async Task Every_public_page_asks_whether_it_was_useful_and_links_a_report_of_that_page(string url)
    {
        var (response, _, page) = await Html.GetAsync(_reader, url);
        var path = url.Split('?')[0];
        var box = page.QuerySelector("main .page-feedback");
        Assert.NotNull(box);
        Assert.Equal("Trang này có hữu ích không?", box.QuerySelector("h2")!.TextContent);
        var form = box.QuerySelector("form")!;
        Assert.Equal("/gop-y-trang", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(path, form.QuerySelector("input[name=trang]")!.GetAttribute("value"));
        Assert.Equal(["co", "khong"], form.QuerySelectorAll("button[name=tra-loi]").Select(b => b.GetAttribute("value")));
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]")); // no token, so the page stays cacheable
        Assert.Equal("/gop-y-trang?trang=" + Uri.EscapeDataString(path), box.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Báo lỗi trang này", box.QuerySelector("a")!.TextContent);
        Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} sets a cookie");
    }

    [Fact]
    public async Task An_English_page_asks_in_English_and_its_report_is_explained_thanked_and_stored_in_English()
    {
        const string English = "/en/villages/gom-binh-duc";
        var (_, _, page) = await Html.GetAsync(_reader, English);
        var box = page.QuerySelector("main .page-feedback")!;
        Assert.Equal("Was this page useful?", box.QuerySelector("h2")!.TextContent);
        Assert.Equal("/en/feedback", box.QuerySelector("form")!.GetAttribute("action"));
        Assert.Equal(["Yes", "No"], box.QuerySelectorAll("button").Select(b => b.TextContent));
        var report = box.QuerySelector("a")!;
        Assert.Equal(("Report a problem with this page", "/en/feedback?trang=" + Uri.EscapeDataString(English)), (report.TextContent, report.GetAttribute("href")));

        // "No" leads to the English form, which explains its refusals in English and keeps the reader's words.
        var no = await _reader.PostAsync("/en/feedback", Post(("trang", English), ("tra-loi", "khong")));
        Assert.Equal(HttpStatusCode.Redirect, no.StatusCode);
        Assert.StartsWith("/en/feedback?trang=", no.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var (_, body, form) = await Html.GetAsync(_reader, no.Headers.Location.OriginalString);
        Assert.Equal("en", form.DocumentElement.GetAttribute("lang"));
        Assert.Equal("What on the page is wrong or unclear?", form.QuerySelector("label[for=Form_Message]")!.TextContent);
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
        var empty = await _reader.PostAsync("/en/feedback", Report(English, " "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var refused = Html.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Equal("Please say what on the page is wrong or unclear.", refused.QuerySelector("#Form_Message_error")!.TextContent);
        var badContact = Html.Parse(await (await _reader.PostAsync("/en/feedback", Report(English, "The phone number is out of date.", "call me"))).Content.ReadAsStringAsync());
        Assert.StartsWith("Leave this empty, or enter an e-mail address", badContact.QuerySelector("#Form_Contact_error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The phone number is out of date.", badContact.QuerySelector("#Form_Message")!.TextContent);

        var sent = await _reader.PostAsync("/en/feedback", Report(English, "The phone number is out of date.", "ann@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, _, thanks) = await Html.GetAsync(_reader, sent.Headers.Location!.OriginalString);
        Assert.Equal("Thank you for reporting a problem", thanks.QuerySelector("h1")!.TextContent);
        Assert.Equal([(English, (bool?)false, (string?)null), (English, null, "The phone number is out of date.")],
            (await StoredAsync()).Select(f => (f.Path, f.Useful, f.Message)));

        // A cross-site post is refused here as on the Vietnamese form.
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/en/feedback") { Content = Report(English, "Spam from elsewhere, click here.") };
        forged.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, (await _reader.SendAsync(forged)).StatusCode);
        Assert.Equal(2, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task Staff_pages_do_not_ask()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var (_, _, page) = await Html.GetAsync(editor, "/quan-tri");
        Assert.Null(page.QuerySelector(".page-feedback"));
    }

    [Fact]
    public async Task A_yes_is_counted_once_per_address_and_a_no_leads_to_the_report_form()
    {
        var yes = await _reader.PostAsync("/gop-y-trang", Post(("trang", Village), ("tra-loi", "co"), ("Form.Website", "")));
        Assert.Equal(HttpStatusCode.Redirect, yes.StatusCode);
        var (_, _, thanks) = await Html.GetAsync(_reader, yes.Headers.Location!.OriginalString);
        Assert.Contains("trang này hữu ích", thanks.QuerySelector(".success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Village, thanks.QuerySelector("main a[href='" + Village + "']")?.GetAttribute("href"));

        // The same click again (a reload, a double click): thanked, not counted twice.
        var again = await _reader.PostAsync("/gop-y-trang", Post(("trang", Village), ("tra-loi", "co")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal((Village, true, null, true), (stored.Path, stored.Useful, stored.Message, stored.Handled));
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, stored.CreatedAtUtc);

        var no = await _reader.PostAsync("/gop-y-trang", Post(("trang", Village + "?page=2"), ("tra-loi", "khong")));
        Assert.Equal(HttpStatusCode.Redirect, no.StatusCode);
        var (_, _, next) = await Html.GetAsync(_reader, no.Headers.Location!.OriginalString);
        Assert.Contains("điều gì trên trang chưa đúng", next.QuerySelector(".success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Village, next.QuerySelector("form.feedback-report input[name=trang]")!.GetAttribute("value"));
        Assert.Equal([true, false], (await StoredAsync()).Select(f => f.Useful));
    }

    [Fact]
    public async Task A_report_is_stored_with_its_page_and_contact_and_the_same_report_again_is_refused()
    {
        var (form, _, page) = await Html.GetAsync(_reader, "/gop-y-trang?trang=" + Uri.EscapeDataString(Village));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("Báo lỗi trang này", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("label[for=Form_Message]"));

        const string Message = "Số điện thoại của làng gốm trên trang đã cũ.";
        var sent = await _reader.PostAsync("/gop-y-trang", Report(Village, Message, "lan@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, _, thanks) = await Html.GetAsync(_reader, sent.Headers.Location!.OriginalString);
        Assert.Equal("Cảm ơn bạn đã báo lỗi", thanks.QuerySelector("h1")!.TextContent);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal((Village, (bool?)null, Message, "lan@example.com", false), (stored.Path, stored.Useful, stored.Message, stored.Contact, stored.Handled));

        // The same words in another case, spacing and Unicode form: the same report, refused, nothing stored.
        var twice = await _reader.PostAsync("/gop-y-trang", Report(Village, "  " + Message.ToUpperInvariant().Normalize(NormalizationForm.FormD).Replace(" ", "  ", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var refused = Html.Parse(await twice.Content.ReadAsStringAsync());
        Assert.Contains("đã nhận báo lỗi này", refused.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await StoredAsync());
    }

    [Fact]
    public async Task An_empty_report_or_a_bad_contact_is_explained_in_Vietnamese_and_nothing_is_stored()
    {
        var empty = await _reader.PostAsync("/gop-y-trang", Report(Village, " "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var page = Html.Parse(await empty.Content.ReadAsStringAsync());
        Assert.StartsWith("Vui lòng cho biết điều gì chưa đúng", page.QuerySelector("#Form_Message_error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Form_Message")!.GetAttribute("aria-invalid"));

        var badContact = await _reader.PostAsync("/gop-y-trang", Report(Village, "Ảnh minh họa bị sai làng.", "goi cho toi"));
        Assert.Equal(HttpStatusCode.BadRequest, badContact.StatusCode);
        page = Html.Parse(await badContact.Content.ReadAsStringAsync());
        Assert.Contains("địa chỉ thư điện tử", page.QuerySelector("#Form_Contact_error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ảnh minh họa bị sai làng.", page.QuerySelector("#Form_Message")!.TextContent); // the reader's words are kept
        Assert.Empty(await StoredAsync());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("/quan-tri/nguoi-dung")]
    [InlineData("lang-nghe")]
    [InlineData("")]
    public async Task A_page_that_is_not_one_of_the_sites_public_pages_is_refused(string about)
    {
        var response = await _reader.PostAsync("/gop-y-trang", Report(about, "Trang này có lỗi chính tả."));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Không rõ bạn muốn góp ý về trang nào", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("a[href*='evil']"));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_looks_like_success_but_stores_nothing()
    {
        var report = await _reader.PostAsync("/gop-y-trang", Report(Village, "Mua thuốc giá rẻ tại đây!!!", website: "http://spam.example"));
        Assert.Equal(HttpStatusCode.Redirect, report.StatusCode);
        var vote = await _reader.PostAsync("/gop-y-trang", Post(("trang", Village), ("tra-loi", "co"), ("Form.Website", "http://spam.example")));
        Assert.Equal(HttpStatusCode.Redirect, vote.StatusCode);
        Assert.Empty(await StoredAsync());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    public async Task A_cross_site_post_is_refused(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/gop-y-trang") { Content = Post(("trang", Village), ("tra-loi", "khong")) };
        request.Headers.TryAddWithoutValidation("Origin", origin);
        Assert.Equal(HttpStatusCode.BadRequest, (await _reader.SendAsync(request)).StatusCode);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Only_accepted_posts_count_towards_the_limit_and_a_refusal_keeps_the_words()
    {
        // Invalid and duplicate posts first: they cost nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await _reader.PostAsync("/gop-y-trang", Report(Village, ""))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _reader.PostAsync("/gop-y-trang", Report(Village, "Lỗi thứ nhất trên trang."))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _reader.PostAsync("/gop-y-trang", Report(Village, "Lỗi thứ nhất trên trang."))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _reader.PostAsync("/gop-y-trang", Report("/", "Lỗi thứ hai trên trang chủ."))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _reader.PostAsync("/gop-y-trang", Post(("trang", "/"), ("tra-loi", "khong")))).StatusCode);

        var limited = await _reader.PostAsync("/gop-y-trang", Report("/tin-tuc", "Lỗi thứ tư trên trang tin tức."));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = Html.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Contains("đã có 3 góp ý được gửi trong 10 phút qua", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Lỗi thứ tư trên trang tin tức.", page.QuerySelector("#Form_Message")!.TextContent);
        Assert.Equal(3, (await StoredAsync()).Count);

        // The window passes: accepted again.
        _factory.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Redirect, (await _reader.PostAsync("/gop-y-trang", Report("/tin-tuc", "Lỗi thứ tư trên trang tin tức."))).StatusCode);
    }

    [Fact]
    public async Task Staff_read_handle_and_export_reports_and_see_the_count_per_page()
    {
        await _reader.PostAsync("/gop-y-trang", Post(("trang", Village), ("tra-loi", "co")));
        await _reader.PostAsync("/gop-y-trang", Post(("trang", Village), ("tra-loi", "khong")));
        await _reader.PostAsync("/gop-y-trang", Report(Village, "=HYPERLINK(\"http://x\") ảnh sai", "0912 345 678"));

        var editor = await StaffClient.SignedInAsync(_factory, "hop-thu-gop-y@example.vn", PortalRoles.Editor);
        var (inbox, _, page) = await Html.GetAsync(editor, "/quan-tri/gop-y");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        var report = Assert.Single(page.QuerySelectorAll("ol.enquiries article")); // only reports wait there, not yes/no answers
        Assert.Equal(Village, report.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Contains("Chưa xử lý", report.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 báo lỗi chưa xử lý", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var id = report.QuerySelector("input[name=id]")!.GetAttribute("value")!;

        var done = await StaffClient.PostFormAsync(editor, "/quan-tri/gop-y?handler=Handled", new() { ["id"] = id, ["handled"] = "true" }, "/quan-tri/gop-y");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        (_, _, page) = await Html.GetAsync(editor, "/quan-tri/gop-y");
        Assert.Empty(page.QuerySelectorAll("ol.enquiries article"));
        (_, _, page) = await Html.GetAsync(editor, "/quan-tri/gop-y?tat-ca=true");
        Assert.Contains("Đã xử lý", page.QuerySelector("ol.enquiries article .meta")!.TextContent, StringComparison.Ordinal);

        var csv = await editor.GetAsync("/quan-tri/gop-y?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var table = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
        var rows = table.Skip(1).Select(r => table[0].Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(Village, r["page"]));
        Assert.Equal(["", "no", "yes"], rows.Select(r => r["useful"]).Order());
        Assert.StartsWith("'=HYPERLINK", rows.Single(r => r["useful"] == "")["message"], StringComparison.Ordinal); // not a live formula

        var admin = await StaffClient.SignedInAsync(_factory, "quan-tri-gop-y@example.vn", PortalRoles.Admin);
        var (_, _, analytics) = await Html.GetAsync(admin, "/quan-tri/thong-ke");
        var row = Assert.Single(analytics.QuerySelectorAll("table.feedback-counts tbody tr"));
        Assert.Equal(Village, row.QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal(["1", "1", "1"], row.QuerySelectorAll("td").Select(td => td.TextContent));

        // Anonymous readers never see the inbox.
        var anonymous = await _reader.GetAsync("/quan-tri/gop-y");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(3, (await StoredAsync()).Count);
    }
}
