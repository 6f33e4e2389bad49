using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PublicPortal.EndToEndTests;

[Collection(PortalCollection.Name)]
public sealed class SearchJourneyTests(PortalServer server)
{
    [Fact]
    public Task Typing_in_the_search_box_offers_suggestions_and_picking_one_opens_it() =>
        server.RunAsync(nameof(Typing_in_the_search_box_offers_suggestions_and_picking_one_opens_it), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/");
            var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Tìm kiếm trên cổng" });
            await box.PressSequentiallyAsync("thap po", new() { Delay = 40 });
            var option = page.GetByRole(AriaRole.Option, new() { Name = "Tháp Pô Sah Inư Điểm đến" });
            await Assertions.Expect(option).ToBeVisibleAsync();
            await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
            await option.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(server.BaseUrl + "/diem-den/thap-po-sah-inu");
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Tháp Pô Sah Inư");
        });

    [Fact]
    public Task Keyboard_picks_a_suggestion_too() =>
        server.RunAsync(nameof(Keyboard_picks_a_suggestion_too), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/tim-kiem");
            var box = page.Locator("main #q");
            await box.PressSequentiallyAsync("bau tr", new() { Delay = 40 });
            await Assertions.Expect(page.Locator("main [role=option]").First).ToBeVisibleAsync();
            await box.PressAsync("ArrowDown");
            await box.PressAsync("Enter");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/diem-den/bau-trang$"));
        });

    [Fact]
    public Task Search_works_without_JavaScript() =>
        server.RunAsync(nameof(Search_works_without_JavaScript), async page =>
        {
            await page.GotoAsync(server.BaseUrl + "/");
            await page.GetByLabel("Tìm kiếm trên cổng").FillAsync("banh trang phu long");
            await page.GetByRole(AriaRole.Button, new() { Name = "Tìm", Exact = true }).First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/tim-kiem\?q=banh\+trang\+phu\+long"));
            await Assertions.Expect(page.Locator("ol.results mark").First).ToBeVisibleAsync();
            await page.Locator("ol.results h3 a").First.ClickAsync();
            await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Phú Long");
        }, new BrowserNewContextOptions { JavaScriptEnabled = false });
}
