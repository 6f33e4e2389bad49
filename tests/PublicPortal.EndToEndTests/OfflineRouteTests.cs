using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PublicPortal.EndToEndTests;

/// <summary>
/// A tourist saves a route while connected, then loses the connection: the route, its stops and its GPX still open
/// (from the service worker), the map gives way to the stop list with coordinates, and a page that was not saved says
/// there is no connection and lists the saved routes.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OfflineRouteTests(PortalServer server)
{
    [Fact]
    public Task A_tourist_saves_a_route_and_reads_it_its_stops_and_its_GPX_with_no_connection() =>
        server.RunAsync(nameof(A_tourist_saves_a_route_and_reads_it_its_stops_and_its_GPX_with_no_connection), async page =>
        {
            var route = server.BaseUrl + "/tuyen-du-lich/mot-ngay-di-san-cham";
            await page.GotoAsync(route);
            var title = (await page.Locator("main h1").TextContentAsync())!.Trim();
            var stopsOnline = await page.Locator("ol.stops").InnerTextAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu để xem khi không có mạng" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-offline-status]")).ToContainTextAsync("Đã lưu", new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xóa bản lưu" })).ToBeVisibleAsync();

            await page.Context.SetOfflineAsync(true);
            try
            {
                var response = await page.GotoAsync(route);
                Assert.True(response!.FromServiceWorker, "the route came from the saved copy");
                await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(title);
                // No tiles offline: the map is hidden, and the stop list, with the same coordinates, stands in for it.
                await Assertions.Expect(page.Locator(".offline-only")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("[data-map]")).ToBeHiddenAsync();
                Assert.Equal(stopsOnline, await page.Locator("ol.stops").InnerTextAsync());
                Assert.Matches(new Regex(@"\d+[.,]\d+"), stopsOnline);

                var gpx = await page.EvaluateAsync<string>("href => fetch(href).then(r => r.text())", "/tuyen-du-lich/mot-ngay-di-san-cham.gpx");
                Assert.Contains("<gpx", gpx, StringComparison.Ordinal);

                var stop = page.Locator("ol.stops h3 a").First;
                var stopName = (await stop.TextContentAsync())!.Trim();
                await stop.ClickAsync();
                await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(stopName);

                // A page never saved: "no connection", with the saved route to go back to.
                await page.GotoAsync(server.BaseUrl + "/tin-tuc");
                await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Bạn đang không có mạng");
                await Assertions.Expect(page.Locator("[data-saved-routes] a")).ToHaveTextAsync(title);
                await page.Locator("[data-saved-routes] a").ClickAsync();
                await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(title);
            }
            finally
            {
                await page.Context.SetOfflineAsync(false);
            }

            // Online again: the reader removes the copy, and the route is read from the network as before.
            await page.GetByRole(AriaRole.Button, new() { Name = "Xóa bản lưu" }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-offline-status]")).ToContainTextAsync("Đã xóa bản lưu");
            // Nothing is left behind: the last copy gone, the service worker and its cache go too.
            Assert.Equal(0, await page.EvaluateAsync<int>("navigator.serviceWorker.getRegistrations().then(r => r.length)"));
            Assert.False(await page.EvaluateAsync<bool>("caches.has('lang-nghe-ngoai-tuyen-v1')"));
            var online = await page.GotoAsync(route);
            Assert.Equal(200, online!.Status);
            Assert.False(online.FromServiceWorker);
        });
}
