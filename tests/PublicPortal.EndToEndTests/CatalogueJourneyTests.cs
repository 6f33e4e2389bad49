using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PublicPortal.EndToEndTests;

[Collection(PortalCollection.Name)]
public sealed class CatalogueJourneyTests(PortalServer server)
{
    [Fact]
    public Task Tourist_filters_villages_opens_one_follows_a_route_and_downloads_its_gpx() =>
        server.RunAsync(nameof(Tourist_filters_villages_opens_one_follows_a_route_and_downloads_its_gpx), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/");
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Làng nghề" }).ClickAsync();
            await page.GetByLabel("Huyện, thị xã, thành phố").SelectOptionAsync("huyen-bac-binh");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/lang-nghe\?huyen=huyen-bac-binh"));
            await Assertions.Expect(page.Locator(".cards > li")).ToHaveCountAsync(4);

            await page.GetByRole(AriaRole.Link, new() { Name = "Làng gốm gọ Bình Đức" }).ClickAsync();
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Làng gốm gọ Bình Đức");

            await page.GetByRole(AriaRole.Link, new() { Name = "Một ngày di sản Chăm: gốm Bình Đức, thổ cẩm Phan Hòa, tháp Pô Sah Inư" }).ClickAsync();
            await Assertions.Expect(page.Locator("ol.stops > li")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("ol.stops h3").First).ToHaveTextAsync("Làng gốm gọ Bình Đức");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp GPX" }).ClickAsync());
            Assert.Equal("mot-ngay-di-san-cham.gpx", download.SuggestedFilename);
            var path = await download.PathAsync();
            var gpx = await File.ReadAllTextAsync(path);
            Assert.Contains("<gpx", gpx, StringComparison.Ordinal);
            Assert.Contains("Tháp Pô Sah Inư", gpx, StringComparison.Ordinal);
        }, new BrowserNewContextOptions { AcceptDownloads = true });

    [Fact]
    public Task The_route_map_draws_numbered_stops_when_JavaScript_runs() =>
        server.RunAsync(nameof(The_route_map_draws_numbered_stops_when_JavaScript_runs), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/tuyen-du-lich/hanh-trinh-xanh-2023");
            // Leaflet is fetched when the map comes near the screen, not with the page.
            await page.Locator(".map-block").ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(page.Locator("[data-map]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".map-number")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator(".leaflet-overlay-pane path")).ToHaveCountAsync(1);
        });

    [Fact]
    public Task Reader_says_a_village_page_was_not_useful_and_reports_what_is_wrong_without_JavaScript() =>
        server.RunAsync(nameof(Reader_says_a_village_page_was_not_useful_and_reports_what_is_wrong_without_JavaScript), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/lang-nghe/gom-binh-duc");
            var question = page.Locator(".page-feedback");
            await Assertions.Expect(question.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Trang này có hữu ích không?");
            await question.GetByRole(AriaRole.Button, new() { Name = "Không, trang này chưa hữu ích" }).ClickAsync();

            await Assertions.Expect(page.Locator(".success")).ToContainTextAsync("Cảm ơn bạn đã cho biết");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo lỗi" }).ClickAsync();
            await Assertions.Expect(page.Locator("#Form_Message_error")).ToContainTextAsync("Vui lòng cho biết");

            await page.GetByLabel("Điều gì trên trang chưa đúng hoặc chưa rõ?").FillAsync("Giờ mở cửa của làng gốm chưa có trên trang.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi báo lỗi" }).ClickAsync();
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Cảm ơn bạn đã báo lỗi");
            await page.GetByRole(AriaRole.Link, new() { Name = "Quay lại trang" }).ClickAsync();
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Làng gốm gọ Bình Đức");
        }, new BrowserNewContextOptions { JavaScriptEnabled = false });

    [Fact]
    public Task Buyer_sends_an_enquiry_and_is_thanked() =>
        server.RunAsync(nameof(Buyer_sends_an_enquiry_and_is_thanked), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/san-pham");
            await page.GetByLabel("Hạng sao").SelectOptionAsync("3");
            await page.GetByLabel("Nhóm sản phẩm").SelectOptionAsync("5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Gốm Chăm Sơn Hòa" }).ClickAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
            await Assertions.Expect(page.Locator("#Form_Name_error")).ToHaveTextAsync("Vui lòng nhập họ tên.");

            await page.GetByLabel("Họ tên").FillAsync("Lê Thị Hoa");
            await page.GetByLabel("Thư điện tử hoặc số điện thoại").FillAsync("hoa@example.com");
            await page.GetByLabel(new Regex("^Nội dung")).FillAsync("Tôi muốn mua 10 chiếc bình gốm làm quà tặng.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();

            await Assertions.Expect(page.Locator(".success")).ToContainTextAsync("Cảm ơn bạn");
            await Assertions.Expect(page.Locator(".success .enquiry-reference")).ToHaveTextAsync(new Regex(@"^HM-\d{4}-\d{6}$"));
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/san-pham/gom-cham-son-hoa/hoi-mua\?da-gui=1&ma=HM-\d{4}-\d{6}$"));
        }, new BrowserNewContextOptions { JavaScriptEnabled = false });

    [Fact]
    public Task Buyer_who_sends_the_same_enquiry_twice_is_told_it_was_received() =>
        server.RunAsync(nameof(Buyer_who_sends_the_same_enquiry_twice_is_told_it_was_received), async page =>
        {
            async Task SendAsync()
            {
                await page.GotoAsync(server.BaseUrl + "/san-pham/nuoc-ep-thanh-long-bao-long/hoi-mua");
                await page.GetByLabel("Họ tên").FillAsync("Đặng Quốc Huy");
                await page.GetByLabel("Thư điện tử hoặc số điện thoại").FillAsync("0987 654 321");
                await page.GetByLabel(new Regex("^Nội dung")).FillAsync("Cho tôi hỏi giá thùng 24 chai nước ép thanh long.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
            }

            await page.GotoAsync(server.BaseUrl + "/san-pham/nuoc-ep-thanh-long-bao-long/hoi-mua");
            await Assertions.Expect(page.Locator(".certificate-note")).ToContainTextAsync("đã hết hiệu lực");
            await SendAsync();
            var reference = await page.Locator(".success .enquiry-reference").TextContentAsync();
            Assert.Matches(@"^HM-\d{4}-\d{6}$", reference);

            await SendAsync();
            await Assertions.Expect(page.Locator("main .notice")).ToContainTextAsync("Chúng tôi đã nhận câu hỏi này");
            await Assertions.Expect(page.Locator("main .notice .enquiry-reference")).ToHaveTextAsync(reference!);
            var results = await page.RunAxe();
            Assert.True(results.Violations.Length == 0, string.Join('\n', results.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help}")));
        }); // JavaScript on: axe runs as a script in the page

    [Fact]
    public Task A_buyer_scans_a_products_printed_label_and_sees_whether_its_certificate_is_valid() =>
        server.RunAsync(nameof(A_buyer_scans_a_products_printed_label_and_sees_whether_its_certificate_is_valid), async page =>
        {
            // The producer opens the product's page and its label sheet.
            await page.GotoAsync(server.BaseUrl + "/san-pham");
            await page.Locator(".cards > li a").First.ClickAsync();
            var title = await page.Locator("main h1").TextContentAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "in nhãn QR cho bao bì" }).ClickAsync();
            await Assertions.Expect(page.Locator(".product-label")).ToHaveCountAsync(21);
            var axe = await page.RunAxe();
            Assert.True(axe.Violations.Length == 0, string.Join('\n', axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

            // The buyer's phone reads the printed code: a picture of the label's QR, decoded.
            var png = await page.Locator(".product-label .qr").First.ScreenshotAsync(new LocatorScreenshotOptions { Scale = ScreenshotScale.Device });
            using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.L8>(png);
            var pixels = new byte[image.Width * image.Height];
            image.CopyPixelDataTo(pixels);
            var source = new ZXing.RGBLuminanceSource(pixels, image.Width, image.Height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8);
            var decoded = new ZXing.QrCode.QRCodeReader().decode(new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(source)));
            Assert.NotNull(decoded);
            Assert.Matches(@"/q/[0-9A-HJKMNP-TV-Z]{6}$", decoded.Text);

            // It opens, large and plain, the certificate's state and the way to the product.
            await page.GotoAsync(server.BaseUrl + new Uri(decoded.Text).AbsolutePath);
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(title!);
            await Assertions.Expect(page.Locator(".ocop-status-word")).ToHaveTextAsync(new Regex("^(Còn hiệu lực|Hết hiệu lực|Chưa rõ thời hạn)$"));
            axe = await page.RunAxe();
            Assert.True(axe.Violations.Length == 0, string.Join('\n', axe.Violations.Select(v => $"{v.Id}: {v.Help}")));
        });
}
