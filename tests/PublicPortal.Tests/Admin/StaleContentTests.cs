using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// Content that goes out of date is brought back to the editors: an item past its review day is counted on the
/// dashboard and listed; a village left alone for a year is overdue by default; an OCOP product at its certificate's expiry.
/// </summary>
public sealed class StaleContentTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _editor = null!;

    public async Task InitializeAsync() => _editor = await StaffClient.SignedInAsync(_factory, "ra-soat@example.vn", PortalRoles.Editor);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<List<string>> OverdueAsync(string kind = "villages")
    {
        var (_, _, page) = await Html.GetAsync(_editor, "/quan-tri/noi-dung?trang-thai=qua-han&loai=" + kind);
        return page.QuerySelectorAll("table.admin-table tbody td:first-child a").Select(a => a.TextContent).ToList();
    }

    private async Task<string> DashboardLineAsync()
    {
        var (_, _, page) = await Html.GetAsync(_editor, "/quan-tri");
        return page.QuerySelectorAll(".todo a").Select(a => a.TextContent).FirstOrDefault(t => t.Contains("quá hạn rà soát", StringComparison.Ordinal)) ?? "";
    }

    [Fact]
    public async Task An_item_past_its_review_day_is_listed_until_an_editor_gives_it_a_new_one()
    {
        int id = 0;
        string title = "";
        await _factory.WithDbAsync(async db => (id, title) = await db.ContentItems.Where(x => x.Slug == "gom-binh-duc").Select(x => new ValueTuple<int, string>(x.Id, x.Title)).SingleAsync());
        var url = $"/quan-tri/noi-dung/sua/{id}";
        var fields = await StaffClient.EditFormAsync(_editor, url);
        fields["Details.ReviewBy"] = "2026-12-01";
        await _editor.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.DoesNotContain(title, await OverdueAsync());

        await _factory.AdvanceClockAsync(TimeSpan.FromDays(5)); // 3 December
        _editor = (await StaffClient.SignInAsync(_factory, "ra-soat@example.vn")).Client;
        Assert.Contains(title, await OverdueAsync());
        Assert.Matches(@"^\d+ mục quá hạn rà soát$", (await DashboardLineAsync()).Trim());

        fields = await StaffClient.EditFormAsync(_editor, url);
        fields["Details.ReviewBy"] = "2027-12-01";
        await _editor.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.DoesNotContain(title, await OverdueAsync());
        await _factory.WithDbAsync(async db => Assert.Equal(new DateOnly(2027, 12, 1), (await db.ContentItems.SingleAsync(x => x.Id == id)).ReviewBy));
    }

    [Fact]
    public async Task A_village_untouched_for_a_year_and_a_product_at_its_certificate_expiry_are_overdue()
    {
        string village = "", product = "";
        int productId = 0;
        await _factory.WithDbAsync(async db =>
        {
            village = await db.ContentItems.Where(x => x.Kind == ContentKind.Village).OrderBy(x => x.Slug).Select(x => x.Title).FirstAsync();
            (productId, product) = await db.ContentItems.Where(x => x.Kind == ContentKind.Product).OrderBy(x => x.Slug).Select(x => new ValueTuple<int, string>(x.Id, x.Title)).FirstAsync();
        });
        // The seed states no certificate expiry; an editor records one in the product's form.
        var url = $"/quan-tri/noi-dung/sua/{productId}";
        var fields = await StaffClient.EditFormAsync(_editor, url);
        fields["Details.Product.CertificateExpiry"] = "2026-12-20";
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await _editor.PostAsync(url, new FormUrlEncodedContent(fields))).StatusCode);
        Assert.DoesNotContain(product, await OverdueAsync("products"));
        Assert.DoesNotContain(village, await OverdueAsync());

        await _factory.AdvanceClockAsync(TimeSpan.FromDays(23)); // 21 December
        _editor = (await StaffClient.SignInAsync(_factory, "ra-soat@example.vn")).Client;
        Assert.Contains(product, await OverdueAsync("products"));
        Assert.DoesNotContain(village, await OverdueAsync());

        _factory.Clock.Advance(TimeSpan.FromDays(400));
        _editor = (await StaffClient.SignInAsync(_factory, "ra-soat@example.vn")).Client;
        Assert.Contains(village, await OverdueAsync());
    }
}
