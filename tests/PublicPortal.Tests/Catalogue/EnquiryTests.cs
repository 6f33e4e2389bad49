using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Catalogue;

/// <summary>The buyer enquiry: validation in Vietnamese, honeypot, cross-site refusal, limit, duplicates, references and what is stored.</summary>
public sealed class EnquiryTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:Enquiry:PermitLimit"] = "3" } };
    private HttpClient _client = null!;
    private const string Url = "/san-pham/gom-cham-son-hoa/hoi-mua";

    public Task InitializeAsync()
    {
        _client = _factory.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static FormUrlEncodedContent Form(string? name, string? contact, string? message, string? website = null) => new(
        new[]
        {
            KeyValuePair.Create("Form.Name", name), KeyValuePair.Create("Form.Contact", contact),
            KeyValuePair.Create("Form.Message", message), KeyValuePair.Create("Form.Website", website),
        }.Where(kv => kv.Value is not null).Select(kv => KeyValuePair.Create(kv.Key, kv.Value!)));

    private async Task<List<Enquiry>> StoredAsync()
    {
        var list = new List<Enquiry>();
        await _factory.WithDbAsync(async db => list = await db.Enquiries.AsNoTracking().ToListAsync());
        return list;
    }

    [Fact]
    public async Task A_valid_enquiry_is_stored_and_thanked()
    {
        var response = await _client.PostAsync(Url, Form("Nguyễn Thị Lan", "lan@example.com", "Tôi muốn đặt 20 bình gốm cho cửa hàng ở Đà Lạt."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url + "?da-gui=1&ma=HM-2026-000001", response.Headers.Location?.OriginalString);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal("gom-cham-son-hoa", stored.ProductSlug);
        Assert.Equal("Nguyễn Thị Lan", stored.Name);
        Assert.Equal("lan@example.com", stored.Contact);
        Assert.Equal("HM-2026-000001", stored.Reference);
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, stored.CreatedAtUtc);

        var (_, _, thanks) = await Html.GetAsync(_client, response.Headers.Location!.OriginalString);
        Assert.Contains("Cảm ơn bạn", thanks.QuerySelector(".success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("HM-2026-000001", thanks.QuerySelector(".success .enquiry-reference")?.TextContent);
        // What happens next: who answers, and no promised time, since the site's configuration states none.
        var next = thanks.QuerySelector(".enquiry-next")!.TextContent;
        Assert.Contains("Sở Công Thương", next, StringComparison.Ordinal);
        Assert.Contains("Chủ thể tại xã Phan Hiệp", next, StringComparison.Ordinal);
        Assert.Contains("kèm mã câu hỏi", next, StringComparison.Ordinal);
        Assert.DoesNotContain("ngày làm việc", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_time_is_stated_only_when_configured()
    {
        await using var factory = new PortalFactory { Settings = { ["Portal:Enquiry:ReplyWithinWorkingDays"] = "3" } };
        var client = factory.CreateReader();
        var response = await client.PostAsync(Url, Form("Lê Văn Tâm", "0912 345 678", "Cho tôi hỏi giá một bộ ấm chén gốm."));
        var (_, _, thanks) = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("trong vòng 3 ngày làm việc", thanks.QuerySelector(".enquiry-next")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_in_the_address_is_shown_only_if_the_product_received_it()
    {
        var (_, _, page) = await Html.GetAsync(_client, Url + "?da-gui=1&ma=HM-2026-999999");
        Assert.Contains("Cảm ơn bạn", page.QuerySelector(".success")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".enquiry-reference"));
    }

    [Fact]
    public async Task References_increase_and_start_again_each_year_in_Vietnam_time()
    {
        // 23:30 on 31/12/2026 in Vietnam; an hour later it is 2027 there.
        await using var factory = new PortalFactory { Clock = new TestClock(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero)) };
        var client = factory.CreateReader();
        var references = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            if (i == 2) factory.Clock.Advance(TimeSpan.FromHours(1));
            var response = await client.PostAsync(Url, Form("Khách " + i, "khach" + i + "@example.com", "Câu hỏi thứ " + i + " về gốm Chăm."));
            references.Add(response.Headers.Location!.OriginalString.Split("&ma=")[1]);
        }
        Assert.Equal(["HM-2026-000001", "HM-2026-000002", "HM-2027-000001"], references);
    }

    [Fact]
    public async Task Missing_fields_get_Vietnamese_messages_beside_them_and_nothing_is_stored()
    {
        var response = await _client.PostAsync(Url, Form("", "", ""));
        var document = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Vui lòng nhập họ tên.", document.QuerySelector("#Form_Name_error")!.TextContent);
        Assert.StartsWith("Vui lòng nhập thư điện tử hoặc số điện thoại", document.QuerySelector("#Form_Contact_error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Vui lòng nhập nội dung câu hỏi.", document.QuerySelector("#Form_Message_error")!.TextContent);
        Assert.Equal("true", document.QuerySelector("#Form_Name")!.GetAttribute("aria-invalid"));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task An_invalid_contact_is_explained_and_the_typed_values_are_kept()
    {
        var response = await _client.PostAsync(Url, Form("Trần Văn Bình", "goi cho toi", "Xin báo giá sỉ cho 50 sản phẩm."));
        var document = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("địa chỉ thư điện tử", document.QuerySelector("#Form_Contact_error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Trần Văn Bình", document.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal("Xin báo giá sỉ cho 50 sản phẩm.", document.QuerySelector("#Form_Message")!.TextContent);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_looks_like_success_but_stores_nothing()
    {
        var response = await _client.PostAsync(Url, Form("Bot", "bot@example.com", "Buy cheap things now!!!", website: "http://spam.example"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await StoredAsync());
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("not a url")]
    public async Task A_cross_site_post_is_refused(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = Form("Nguyễn An", "0912 345 678", "Tôi cần mua gốm làm quà tặng.") };
        request.Headers.TryAddWithoutValidation("Origin", origin);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Too_many_accepted_enquiries_from_one_address_get_429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await _client.PostAsync(Url, Form("Khách " + i, "0912 345 678", "Câu hỏi thử số " + i + " về sản phẩm."))).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, (await StoredAsync()).Count);
        var (_, _, page) = await Html.GetAsync(_client, Url); // reading is not limited
        Assert.NotNull(page.QuerySelector("form.enquiry"));

        // The window slides: ten minutes after the first, one more is accepted.
        _factory.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Redirect, (await _client.PostAsync(Url, Form("Khách 4", "0912 345 678", "Câu hỏi thử số 4 về sản phẩm."))).StatusCode);
    }

    [Fact]
    public async Task Failed_validations_do_not_count_toward_the_limit()
    {
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync(Url, Form("Trần Văn Bình", "goi cho toi", "Xin báo giá sỉ cho 50 sản phẩm."))).StatusCode);

        var response = await _client.PostAsync(Url, Form("Trần Văn Bình", "0912 345 678", "Xin báo giá sỉ cho 50 sản phẩm."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Single(await StoredAsync());
    }

    [Fact]
    public async Task The_limit_shows_the_form_with_the_typed_words_and_a_Vietnamese_message()
    {
        for (var i = 0; i < 3; i++) await _client.PostAsync(Url, Form("Khách " + i, "khach@example.com", "Câu hỏi thử số " + i + " về sản phẩm."));
        const string message = "Tôi cần 200 bình gốm cho khách sạn ở Mũi Né, giao trước Tết; xin báo giá và thời gian làm.";

        var last = await _client.PostAsync(Url, Form("Phạm Thu Hà", "ha.pham@example.com", message));

        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var document = Html.Parse(await last.Content.ReadAsStringAsync());
        Assert.Equal("Hỏi mua: Gốm Chăm Sơn Hòa", document.QuerySelector("h1")?.TextContent);
        var alert = document.QuerySelector("form.enquiry [role=alert]")!.TextContent;
        Assert.Contains("Câu hỏi chưa được gửi", alert, StringComparison.Ordinal);
        Assert.Contains("đã có 3 câu hỏi được gửi trong 10 phút qua", alert, StringComparison.Ordinal);
        Assert.Contains("nội dung bạn đã nhập vẫn được giữ", alert, StringComparison.Ordinal);
        Assert.Equal(message, document.QuerySelector("#Form_Message")!.TextContent);
        Assert.Equal("Phạm Thu Hà", document.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal("ha.pham@example.com", document.QuerySelector("#Form_Contact")!.GetAttribute("value"));
        Assert.Equal(3, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task An_identical_enquiry_within_a_day_is_refused_with_its_reference()
    {
        var first = await _client.PostAsync(Url, Form("Nguyễn Thị Lan", "lan@example.com", "Tôi muốn đặt 20 bình gốm cho cửa hàng ở Đà Lạt."));
        Assert.EndsWith("ma=HM-2026-000001", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The same words in other spacing and case, decomposed accents, the address in capitals: the same enquiry.
        _factory.Clock.Advance(TimeSpan.FromHours(5));
        var again = await _client.PostAsync(Url, Form("Lan", " LAN@example.com ", "tôi muốn đặt  20 bình gốm\ncho cửa hàng ở Đà Lạt.".Normalize(System.Text.NormalizationForm.FormD)));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var document = Html.Parse(await again.Content.ReadAsStringAsync());
        var notice = document.QuerySelector("main .notice")!.TextContent;
        Assert.StartsWith("Chúng tôi đã nhận câu hỏi này", notice, StringComparison.Ordinal);
        Assert.Contains("HM-2026-000001", notice, StringComparison.Ordinal);
        Assert.Single(await StoredAsync());

        // Another question from the same buyer is a new enquiry; the same one a day later is too.
        Assert.Equal(HttpStatusCode.Redirect, (await _client.PostAsync(Url, Form("Nguyễn Thị Lan", "lan@example.com", "Có giao hàng đến Đà Lạt không?"))).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromHours(20));
        var later = await _client.PostAsync(Url, Form("Nguyễn Thị Lan", "lan@example.com", "Tôi muốn đặt 20 bình gốm cho cửa hàng ở Đà Lạt."));
        Assert.EndsWith("ma=HM-2026-000003", later.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_click_stores_the_enquiry_once()
    {
        var posts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _client.PostAsync(Url, Form("Nguyễn An", "0912 345 678", "Tôi cần mua gốm làm quà tặng."))));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Conflict], posts.Select(p => p.StatusCode).Order());
        Assert.Single(await StoredAsync());
    }

    [Theory]
    [InlineData("/san-pham/nuoc-ep-thanh-long-bao-long/hoi-mua")]
    [InlineData("/san-pham/nuoc-ep-thanh-long-bao-long")]
    public async Task An_expired_product_says_so_next_to_the_form(string url)
    {
        var (_, _, page) = await Html.GetAsync(_client, url);
        var note = page.QuerySelector(".certificate-note")!;
        Assert.Contains("chứng nhận OCOP của sản phẩm này đã hết hiệu lực", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("20/01/2025", note.TextContent, StringComparison.Ordinal);
        Assert.Equal("form", note.NextElementSibling?.LocalName);

        var (_, _, valid) = await Html.GetAsync(_client, Url); // no known expiry: no note
        Assert.Null(valid.QuerySelector(".certificate-note"));
    }

    [Fact]
    public async Task The_product_page_sets_no_cookie_so_it_can_be_cached()
    {
        var response = await _client.GetAsync("/san-pham/gom-cham-son-hoa");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Url, document.QuerySelector("form.enquiry")!.GetAttribute("action"));
        Assert.Null(document.QuerySelector("form.enquiry input[name=__RequestVerificationToken]"));
    }
}
