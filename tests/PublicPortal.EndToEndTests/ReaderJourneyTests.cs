using Microsoft.Playwright;

namespace PublicPortal.EndToEndTests;

[Collection(PortalCollection.Name)]
public sealed class ReaderJourneyTests(PortalServer server)
{
    private static async Task ReadNewsAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bảo tồn và phát triển làng nghề Bình Thuận");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" }).GetByRole(AriaRole.Link, new() { Name = "Tin tức" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(baseUrl + "/tin-tuc");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Tin tức");

        await page.GetByRole(AriaRole.Link, new() { Name = "Trang 2", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(baseUrl + "/tin-tuc?page=2");
        await Assertions.Expect(page.Locator("nav.pager a[aria-current=page]")).ToHaveTextAsync("2");

        var first = page.Locator(".item-list .item-title a").First;
        var title = (await first.TextContentAsync())!.Trim();
        await first.ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".article-header .meta")).ToContainTextAsync("Lượt xem:");
        await Assertions.Expect(page.Locator(".article-header time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^(\d{2}/\d{2}/\d{4}|tháng \d{2}/\d{4}|năm \d{4})$")); // only what the source gives

        var other = page.Locator("#tin-khac .item-title a").First;
        var otherTitle = (await other.TextContentAsync())!.Trim();
        Assert.NotEqual(title, otherTitle);
        await other.ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(otherTitle);
    }

    [Fact]
    public Task Reader_goes_from_home_to_news_page_2_an_article_and_other_news() =>
        server.RunAsync(nameof(Reader_goes_from_home_to_news_page_2_an_article_and_other_news), page => ReadNewsAsync(page, server.BaseUrl));

    [Fact]
    public Task The_same_journey_works_without_JavaScript() =>
        server.RunAsync(nameof(The_same_journey_works_without_JavaScript), page => ReadNewsAsync(page, server.BaseUrl),
            new BrowserNewContextOptions { JavaScriptEnabled = false });

    [Fact]
    public Task The_print_button_appears_only_when_it_can_work() =>
        server.RunAsync(nameof(The_print_button_appears_only_when_it_can_work), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "In trang này" })).ToBeVisibleAsync();

            var noScript = await server.Browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false });
            await noScript.GotoAsync(server.BaseUrl + "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc");
            await Assertions.Expect(noScript.Locator("button[data-print]")).ToBeHiddenAsync();
            await noScript.CloseAsync();
        });

    [Fact]
    public Task Documents_are_filtered_by_the_form_without_JavaScript() =>
        server.RunAsync(nameof(Documents_are_filtered_by_the_form_without_JavaScript), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/van-ban");
            await page.GetByLabel("Loại văn bản").SelectOptionAsync("Quyết định");
            await page.GetByLabel("Số hiệu hoặc từ khóa trích yếu").FillAsync("lang nghe");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tìm văn bản" }).ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("loai=Quy"));
            await Assertions.Expect(page.Locator("table.documents tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("table.documents tbody")).ToContainTextAsync("801/QĐ-TTg");

            await page.GetByRole(AriaRole.Link, new() { Name = "801/QĐ-TTg" }).ClickAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp đính kèm" }).ClickAsync());
            Assert.Equal("801-qd-ttg-tom-tat.txt", download.SuggestedFilename);
        }, new BrowserNewContextOptions { JavaScriptEnabled = false, AcceptDownloads = true });
}
