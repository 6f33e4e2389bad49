using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Catalogue;

/// <summary>The buyer enquiry: validation in Vietnamese, honeypot, cross-site refusal, rate limit and what is stored.</summary>
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
        Assert.Equal(Url + "?da-gui=1", response.Headers.Location?.OriginalString);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal("gom-cham-son-hoa", stored.ProductSlug);
        Assert.Equal("Nguyễn Thị Lan", stored.Name);
        Assert.Equal("lan@example.com", stored.Contact);
        Assert.Equal(_factory.Clock.GetUtcNow().UtcDateTime, stored.CreatedAtUtc);

        var (_, _, thanks) = await Html.GetAsync(_client, Url + "?da-gui=1");
        Assert.Contains("Cảm ơn bạn", thanks.QuerySelector(".success")!.TextContent, StringComparison.Ordinal);
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
    public async Task Too_many_posts_from_one_address_get_429()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await _client.PostAsync(Url, Form("Khách " + i, "0912 345 678", "Câu hỏi thử số " + i + " về sản phẩm."))).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, (await StoredAsync()).Count);
        var (_, _, page) = await Html.GetAsync(_client, Url); // reading is not limited
        Assert.NotNull(page.QuerySelector("form.enquiry"));
    }

    [Fact]
    public async Task The_429_page_explains_in_Vietnamese()
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++) last = await _client.PostAsync(Url, Form("", "", ""));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("Quá nhiều yêu cầu", Html.Parse(await last.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
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
