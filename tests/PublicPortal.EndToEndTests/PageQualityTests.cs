using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PublicPortal.EndToEndTests;

/// <summary>Each page type: no axe violations, and no sideways scrolling on a 360 px phone.</summary>
[Collection(PortalCollection.Name)]
public sealed class PageQualityTests(PortalServer server)
{
    public static TheoryData<string> PageTypes => new()
    {
        "/",
        "/tin-tuc",
        "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc",
        "/thong-bao",
        "/thong-bao/ghi-dia-danh-sau-sap-xep-don-vi-hanh-chinh",
        "/chuong-trinh",
        "/chuong-trinh/ke-hoach-3073",
        "/chuong-trinh/ke-hoach-3073/tien-do",
        "/van-ban",
        "/van-ban/3073-kh-ubnd",
        "/gioi-thieu",
        "/lien-he",
        "/tuan-thu",
        "/tiep-can",
        "/so-do-trang",
        "/gop-y-trang?trang=%2Flang-nghe",
        "/en",
        "/en/villages",
        "/en/contact",
        "/en/compliance",
        "/en/villages/gom-binh-duc",
        "/en/programme/ke-hoach-3073",
        "/en/search?q=rice+paper",
        "/en/open-data",
        "/en/news",
        "/en/products",
        "/en/feedback?trang=%2Fen%2Fvillages",
        "/gop-y-trang?trang=%2Flang-nghe&da-gui=khong",
        "/trang-khong-co",
        "/lang-nghe",
        "/lang-nghe/gom-binh-duc",
        "/san-pham",
        "/san-pham/rong-nho-tuoi-hai-nam-okinawa",
        "/san-pham/gom-cham-son-hoa/hoi-mua",
        "/diem-den",
        "/diem-den/thap-po-sah-inu",
        "/tuyen-du-lich",
        "/tuyen-du-lich/hanh-trinh-xanh-2023",
        "/su-kien",
        "/khong-co-mang",
        "/su-kien/le-don-bang-unesco-tai-lang-gom-binh-duc",
        "/du-lieu-mo",
        "/so-lieu-truy-cap",
        "/tim-kiem?q=lang+nghe+gom",
        "/tim-kiem?q=khongcogi",
        "/tim-kiem?q=thanh+lonh",
        "/san-pham/nuoc-ep-thanh-long-bao-long/hoi-mua",
        "/san-pham/gom-cham-son-hoa/hoi-mua?da-gui=1",
    };

    [Theory]
    [MemberData(nameof(PageTypes))]
    public Task Axe_finds_no_violations(string path) =>
        server.RunAsync("axe" + path, async page =>
        {
            await page.GotoAsync(server.BaseUrl + path);
            var results = await page.RunAxe();
            var violations = results.Violations.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
            Assert.True(results.Violations.Length == 0, string.Join('\n', violations));
        });

    [Theory]
    [MemberData(nameof(PageTypes))]
    public Task Fits_a_360px_screen_without_sideways_scrolling(string path) =>
        server.RunAsync("narrow" + path, async page =>
        {
            await page.GotoAsync(server.BaseUrl + path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than the screen");
        }, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true });
}
