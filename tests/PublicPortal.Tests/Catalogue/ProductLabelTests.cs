using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Catalogue;

/// <summary>
/// An OCOP product's printable QR label, as a buyer holding the package uses it: the code on the label decodes (ZXing)
/// to the product's short address, which says plainly whether the certificate is valid, and keeps saying it when the
/// product's address changes, after it expires, and when the label is typed by hand.
/// </summary>
public sealed partial class ProductLabelTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _factory.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)v(\d+)h-\d+z")]
    private static partial Regex Run();

    /// <summary>Reads a QRCoder SVG (one rectangle per run of dark modules) as a picture, and decodes it as a phone's camera would.</summary>
    private static string Decode(string svg)
    {
        var size = int.Parse(Regex.Match(svg, "viewBox=\"0 0 (\\d+) ").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        const int scale = 4;
        var pixels = Enumerable.Repeat((byte)255, size * scale * size * scale).ToArray();
        foreach (Match m in Run().Matches(svg))
        {
            int At(int group) => int.Parse(m.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
            var (x, y, w, h) = (At(1), At(2), At(3), At(4));
            for (var row = y * scale; row < (y + h) * scale; row++)
                for (var col = x * scale; col < (x + w) * scale; col++) pixels[row * size * scale + col] = 0;
        }
        var source = new ZXing.RGBLuminanceSource(pixels, size * scale, size * scale, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)));
        Assert.NotNull(result);
        return result.Text;
    }

    /// <summary>A seeded product whose certificate an editor recorded as valid until the end of 2026 (through the write path).</summary>
    private async Task<(ContentItem Product, DateOnly Expiry)> ValidProductAsync()
    {
        var expiry = new DateOnly(2026, 12, 31);
        var first = await _factory.FirstPublishedAsync(ContentKind.Product);
        if (first.Product!.CertificateExpiry != expiry)
            Assert.IsType<SaveOutcome.Saved>(await _factory.EditAsync(first.Id, i => { i.Product!.CertificateExpiry = expiry; return i; }));
        ContentItem product = null!;
        await _factory.WithDbAsync(async db => product = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == first.Id));
        Assert.Equal(CertificateState.Valid, Ocop.StateOf(product.Product!, new DateOnly(2026, 11, 28)));
        return (product, expiry);
    }

    [Fact]
    public async Task A_labels_QR_leads_to_the_certificates_status_before_and_after_it_expires_whatever_the_products_address()
    {
        var (product, expiry) = await ValidProductAsync();
        var code = product.Product!.Code;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{6}$", code);

        // The product page offers the label; the sheet is 21 labels, each with the QR of /q/{code} and the code in words.
        var (_, _, page) = await Html.GetAsync(_reader, "/san-pham/" + product.Slug);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/san-pham/{product.Slug}/nhan-qr");
        var (response, _, sheet) = await Html.GetAsync(_reader, $"/san-pham/{product.Slug}/nhan-qr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var labels = sheet.QuerySelectorAll(".product-label");
        Assert.Equal(21, labels.Length);
        Assert.Equal($"http://localhost/q/{code}", Decode(labels[0].QuerySelector(".qr svg")!.OuterHtml));
        Assert.Equal($"Mã {code![..3]} {code[3..]}", labels[0].QuerySelector(".label-code")!.TextContent);
        Assert.Contains(product.Title, labels[0].TextContent, StringComparison.Ordinal);

        // What the buyer's phone opens: valid, until when, the decision, the product's page.
        var (_, _, check) = await Html.GetAsync(_reader, $"/q/{code}");
        Assert.Equal("Còn hiệu lực", check.QuerySelector(".ocop-status-word")!.TextContent);
        Assert.Contains(VietnamTime.Date(expiry), check.QuerySelector(".ocop-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(check.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/san-pham/" + product.Slug);
        // Typed by hand from the label (lower case, a dash): sent to the one address of the code.
        var typed = await _reader.GetAsync($"/q/{code.ToLowerInvariant()[..3]}-{code.ToLowerInvariant()[3..]}");
        Assert.Equal((HttpStatusCode.MovedPermanently, $"/q/{code}"), (typed.StatusCode, typed.Headers.Location?.OriginalString));

        // The product moves to a new address: the code, the label and /q/{code} stay.
        Assert.IsType<SaveOutcome.Saved>(await _factory.EditAsync(product.Id, i => { i.Slug += "-moi"; return i; }));
        await _factory.WithDbAsync(async db => Assert.Equal(code, (await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == product.Id)).Product!.Code));
        var (_, _, moved) = await Html.GetAsync(_reader, $"/q/{code}");
        Assert.Contains(moved.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/san-pham/{product.Slug}-moi");

        // The day after the certificate's last day: expired, since when — and still answered.
        await _factory.AdvanceClockAsync(TimeSpan.FromDays(expiry.DayNumber - new DateOnly(2026, 11, 28).DayNumber + 1));
        var staff = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor); // past the cache of the day before
        var (afterResponse, _, after) = await Html.GetAsync(staff, $"/q/{code}");
        Assert.Equal(HttpStatusCode.OK, afterResponse.StatusCode);
        Assert.Equal("Hết hiệu lực", after.QuerySelector(".ocop-status-word")!.TextContent);
        Assert.Contains(VietnamTime.Date(expiry.AddDays(1)), after.QuerySelector(".ocop-status")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("k7m2qx", "K7M2QX")]
    [InlineData("K7M-2QX", "K7M2QX")]
    [InlineData("o1il 23", "01112 3")]
    [InlineData("oIL-u23", null)]
    [InlineData("K7M2Q", null)]
    [InlineData("K7M2QXX", null)]
    [InlineData("<script>", null)]
    public void A_code_typed_by_hand_reads_as_printed(string typed, string? code) =>
        Assert.Equal(code?.Replace(" ", "", StringComparison.Ordinal), ProductCodes.Normalize(typed));

    [Fact]
    public async Task A_product_saved_before_codes_existed_gets_the_code_its_address_gives_at_the_next_start()
    {
        var product = await _factory.FirstPublishedAsync(ContentKind.Product);
        // The first code comes from the address: a site rebuilt from the same files gives the same labels.
        Assert.Equal(ProductCodes.For(product.Slug), product.Product!.Code);
        await _factory.WithDbAsync(async db =>
        {
            var stored = await db.ContentItems.SingleAsync(x => x.Id == product.Id);
            stored.Product!.Code = null; // as a database from before this version holds it
            await db.SaveChangesAsync();
        });
        _factory.KeepDataOnDispose = true;
        await _factory.DisposeAsync();
        await using var restarted = new PortalFactory { ExistingDataDirectory = _factory.DataDirectory };
        await restarted.WithDbAsync(async db =>
        {
            var stored = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == product.Id);
            Assert.Equal(ProductCodes.For(product.Slug), stored.Product!.Code);
            Assert.True(await db.Revisions.AnyAsync(r => r.ContentItemId == product.Id && r.Summary.Contains("mã nhãn QR")));
        });
        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateReader().GetAsync($"/san-pham/{product.Slug}/nhan-qr")).StatusCode);
    }

    [Fact]
    public async Task Every_product_has_its_own_code_kept_in_its_file_and_an_unknown_code_says_what_to_do()
    {
        List<ContentItem> products = [];
        await _factory.WithDbAsync(async db => products = await db.ContentItems.AsNoTracking().Where(x => x.Kind == ContentKind.Product).ToListAsync());
        Assert.All(products, p => Assert.NotNull(ProductCodes.Normalize(p.Product!.Code)));
        Assert.Equal(products.Count, products.Select(p => p.Product!.Code).Distinct().Count());
        // Exported with the product, so a site rebuilt from its files prints the same labels.
        Assert.Contains($"code: {products[0].Product!.Code}", FrontMatter.Write(products[0]), StringComparison.Ordinal);
        // An editor's save through the form keeps it; a save that tries to change it is refused with a message.
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var fields = await StaffClient.EditFormAsync(editor, $"/quan-tri/noi-dung/sua/{products[0].Id}");
        fields["Summary"] = "Tóm tắt sửa qua biểu mẫu.";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostAsync($"/quan-tri/noi-dung/sua/{products[0].Id}", new FormUrlEncodedContent(fields))).StatusCode);
        await _factory.WithDbAsync(async db =>
        {
            var saved = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == products[0].Id);
            Assert.Equal(("Tóm tắt sửa qua biểu mẫu.", products[0].Product!.Code), (saved.Summary, saved.Product!.Code));
        });
        var other = products[0].Product!.Code == "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ";
        var refused = Assert.IsType<SaveOutcome.Invalid>(await _factory.EditAsync(products[0].Id, i => { i.Product!.Code = other; return i; }));
        Assert.Contains("không đổi được", string.Join(' ', refused.Errors.Values), StringComparison.Ordinal);

        var (response, _, unknown) = await Html.GetAsync(_reader, "/q/ZZZZZZ");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Không có mã sản phẩm này", unknown.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/q/" + new string('x', 300))).StatusCode);

        var (product, _) = await ValidProductAsync();
        await Pages.HtmlValidityTests.CheckAsync(_reader, [$"/san-pham/{product.Slug}/nhan-qr", $"/q/{product.Product!.Code}", "/q/ZZZZZZ", $"/san-pham/{product.Slug}"]);
    }
}
