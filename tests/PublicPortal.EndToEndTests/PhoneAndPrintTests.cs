using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PublicPortal.EndToEndTests;

/// <summary>
/// A tourist's phone (390 px): the page, not the header, fills the first screen; the menu and the filters fold away
/// without JavaScript. And paper: an item prints as the item, without the site around it.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PhoneAndPrintTests(PortalServer server, ITestOutputHelper output)
{
    private static BrowserNewContextOptions Phone(bool javaScript = true) =>
        new() { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, JavaScriptEnabled = javaScript };

    [Theory]
    [MemberData(nameof(PageQualityTests.PageTypes), MemberType = typeof(PageQualityTests))]
    public Task Main_starts_within_200px_of_the_top_on_a_390px_phone(string path) =>
        server.RunAsync("phone" + path, async page =>
        {
            await page.GotoAsync(server.BaseUrl + path);
            var top = await page.EvaluateAsync<double>("() => document.querySelector('main').getBoundingClientRect().top + window.scrollY");
            output.WriteLine($"top of <main> at 390 px on {path}: {top:0} px");
            Assert.True(top <= 200, $"{path}: <main> starts {top:0} px from the top");
            // The language switch sits beside the kicker line without covering its words.
            var edges = await page.EvaluateAsync<double[]>("() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('.brand-kicker')); return [r.getBoundingClientRect().right, document.querySelector('.language-switch').getBoundingClientRect().left]; }");
            Assert.True(edges[0] < edges[1], $"{path}: the language switch ({edges[1]:0} px) covers the kicker ending at {edges[0]:0} px");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than the screen");
        }, Phone());

    [Fact]
    public Task The_menu_is_one_bar_on_a_phone_and_opens_without_JavaScript() =>
        server.RunAsync(nameof(The_menu_is_one_bar_on_a_phone_and_opens_without_JavaScript), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/");
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" });
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tin tức" })).ToBeHiddenAsync();
            await page.Locator(".site-menu > summary").ClickAsync();
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tin tức" })).ToBeVisibleAsync();
            await menu.GetByRole(AriaRole.Link, new() { Name = "Điểm đến" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(server.BaseUrl + "/diem-den");
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Điểm đến");
            // The search box stays on the first screen, its placeholder not cut to a few letters.
            var search = page.Locator("#site-q");
            await Assertions.Expect(search).ToBeVisibleAsync();
            Assert.True((await search.BoundingBoxAsync())!.Width >= 250);
        }, Phone(javaScript: false));

    [Fact]
    public Task On_a_wide_screen_the_menu_is_open_with_no_bar() =>
        server.RunAsync(nameof(On_a_wide_screen_the_menu_is_open_with_no_bar), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/");
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" });
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Điểm đến" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".site-menu > summary")).ToBeHiddenAsync();
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, JavaScriptEnabled = false });

    [Theory]
    [InlineData("/lang-nghe", ".cards > li", "Huyện, thị xã, thành phố")]
    [InlineData("/san-pham", ".cards > li", "Hạng sao")]
    [InlineData("/tim-kiem?q=gom", "ol.results > li", null)]
    public Task Filters_fold_under_one_bar_so_the_first_result_is_on_the_first_screen(string path, string result, string? filterLabel) =>
        server.RunAsync("filters" + path, async page =>
        {
            await page.GotoAsync(server.BaseUrl + path);
            var first = await page.Locator(result).First.BoundingBoxAsync();
            Assert.NotNull(first);
            output.WriteLine($"first result on {path} at 390 px: {first.Y:0} px");
            Assert.True(first.Y < 844, $"{path}: the first result starts at {first.Y:0} px, below the first screen");
            var panel = page.Locator(".filter-panel");
            await Assertions.Expect(panel.Locator("select, a").First).ToBeHiddenAsync();
            await panel.Locator("summary").ClickAsync();
            if (filterLabel is not null) await Assertions.Expect(page.GetByLabel(filterLabel)).ToBeVisibleAsync();
            else await Assertions.Expect(panel.Locator("a").First).ToBeVisibleAsync();
        }, Phone(javaScript: false));

    public static TheoryData<string> ItemPages => new()
    {
        "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc",
        "/thong-bao/ghi-dia-danh-sau-sap-xep-don-vi-hanh-chinh",
        "/lang-nghe/gom-binh-duc",
        "/san-pham/gom-cham-son-hoa",
        "/diem-den/thap-po-sah-inu",
        "/tuyen-du-lich/hanh-trinh-xanh-2023",
        "/chuong-trinh/ke-hoach-3073",
        "/chuong-trinh/ke-hoach-3073/tien-do",
    };

    [Theory]
    [MemberData(nameof(ItemPages))]
    public Task An_item_prints_as_the_item_with_its_address_and_the_print_date(string path) =>
        server.RunAsync("print" + path, async page =>
        {
            await page.GotoAsync(server.BaseUrl + path);
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            foreach (var chrome in new[] { ".site-header", "#site-q", ".site-menu", "nav[aria-label='Điều hướng chính']", ".site-footer", ".traffic", ".breadcrumb" })
            {
                foreach (var element in await page.Locator(chrome).AllAsync()) await Assertions.Expect(element).ToBeHiddenAsync();
            }
            await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
            var source = page.Locator(".print-source");
            await Assertions.Expect(source).ToBeVisibleAsync();
            await Assertions.Expect(source).ToContainTextAsync(path);
            await Assertions.Expect(source.Locator("time[data-print-date]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}/\d{2}/\d{4}$"));
            // On paper the page ends with the item: nothing printable follows the source line.
            var after = await page.EvaluateAsync<int>("() => { const s = document.querySelector('.print-source'); let n = 0; for (let e = s.nextElementSibling; e; e = e.nextElementSibling) if (e.offsetParent !== null) n++; return n; }");
            Assert.Equal(0, after);

            await page.EmulateMediaAsync(new() { Media = Media.Screen });
            await Assertions.Expect(source).ToBeHiddenAsync();
        });
}
