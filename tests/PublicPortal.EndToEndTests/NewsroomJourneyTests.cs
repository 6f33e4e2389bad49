using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.EndToEndTests;

/// <summary>
/// The newsroom in a real browser: an author writes a village through form fields (no YAML) and submits it; an editor
/// sends it back with a comment; the author fixes it; the editor publishes it. A preview link opens the draft for a
/// browser without an account until it is revoked. A link to a missing item is refused. The new pages pass axe.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class NewsroomJourneyTests(PortalServer server)
{
    private const string Password = "mat-khau-toa-soan-2026";

    private async Task CreateAsync(string email, string role)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var problems = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().CreateAsync(email, role, Password, "test");
        Assert.True(problems.Count == 0 || problems.Any(p => p.Contains("đã có tài khoản", StringComparison.Ordinal)), string.Join(' ', problems));
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/dang-nhap");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(server.BaseUrl + "/quan-tri");
        return page;
    }

    private static async Task AssertAxeAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, page.Url + "\n" + string.Join('\n', results.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
    }

    [Fact]
    public Task An_authors_village_goes_through_review_and_a_preview_link_opens_it_without_an_account() =>
        server.RunAsync("newsroom-village", async admin =>
        {
            await CreateAsync("quan-tri-toa-soan@example.vn", PortalRoles.Admin);
            await CreateAsync("tac-gia-toa-soan@example.vn", PortalRoles.Author);
            await CreateAsync("bien-tap-toa-soan@example.vn", PortalRoles.Editor);

            // The admin makes villages need review (news and announcements do by default).
            var adminPage = await SignedInAsync("quan-tri-toa-soan@example.vn");
            await adminPage.GotoAsync(server.BaseUrl + "/quan-tri/duyet");
            await adminPage.GetByLabel("Làng nghề", new() { Exact = true }).CheckAsync();
            await adminPage.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
            await Assertions.Expect(adminPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu loại nội dung cần duyệt");
            await AssertAxeAsync(adminPage);

            // The author fills the village's form: selects, a date, a row added with a button; no YAML anywhere.
            var author = await SignedInAsync("tac-gia-toa-soan@example.vn");
            await author.GotoAsync(server.BaseUrl + "/quan-tri/noi-dung/sua?loai=villages");
            Assert.Equal(0, await author.Locator("textarea.yaml").CountAsync());
            Assert.Equal(0, await author.GetByLabel("Đăng công khai (bỏ chọn: bản nháp)").CountAsync());
            await author.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Làng đan lát thử nghiệm");
            await author.GetByLabel("Loại (bắt buộc)").SelectOptionAsync("craft-village");
            await author.GetByLabel("Tình trạng (bắt buộc)").SelectOptionAsync("active");
            // The long list of localities narrows as one types, diacritics or not; the list alone works without scripts.
            await author.GetByLabel("Lọc danh sách “Địa bàn”").FillAsync("phan thiet");
            var shown = await author.Locator("#d-village-locality option:not([hidden])").AllTextContentsAsync();
            var all = await author.Locator("#d-village-locality option").CountAsync();
            Assert.True(shown.Count < all, $"{shown.Count} of {all} shown");
            Assert.All(shown.Where(t => !t.StartsWith('—')), t => Assert.Contains("Phan Thiết", t, StringComparison.Ordinal));
            await author.GetByLabel("Địa bàn (bắt buộc)").SelectOptionAsync("phan-thiet");
            await author.GetByLabel("Ngày công nhận").FillAsync("2024-06-05");
            await author.GetByRole(AriaRole.Button, new() { Name = "Thêm số liệu" }).ClickAsync();
            await author.GetByLabel("Chỉ số (bắt buộc)").SelectOptionAsync("households");
            await author.GetByLabel("Giá trị (bắt buộc)").FillAsync("35");
            await author.GetByLabel("Năm (bắt buộc)", new() { Exact = true }).FillAsync("2024");
            await AssertAxeAsync(author);
            await author.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }).ClickAsync();
            await Assertions.Expect(author.GetByRole(AriaRole.Status).First).ToContainTextAsync("Đã gửi duyệt");
            var editUrl = author.Url.Split('?')[0];

            // The editor sends it back with a comment.
            var editor = await SignedInAsync("bien-tap-toa-soan@example.vn");
            await editor.GotoAsync(server.BaseUrl + "/quan-tri/duyet");
            var entry = editor.Locator(".review-queue li", new() { HasText = "Làng đan lát thử nghiệm" });
            await AssertAxeAsync(editor);
            await entry.GetByLabel("Góp ý cho tác giả (khi trả lại)").FillAsync("Thêm số lao động năm 2024.");
            await entry.GetByRole(AriaRole.Button, new() { Name = "Trả lại để sửa" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã trả lại");

            // The author reads the comment, adds the row, submits again.
            await author.GotoAsync(editUrl);
            await Assertions.Expect(author.Locator(".review-note")).ToHaveTextAsync("Thêm số lao động năm 2024.");
            await author.GetByRole(AriaRole.Button, new() { Name = "Thêm số liệu" }).ClickAsync();
            var second = author.Locator("fieldset.row", new() { HasText = "Số liệu 2" });
            await second.GetByLabel("Chỉ số (bắt buộc)").SelectOptionAsync("workers");
            await second.GetByLabel("Giá trị (bắt buộc)").FillAsync("80");
            await second.GetByLabel("Năm (bắt buộc)", new() { Exact = true }).FillAsync("2024");
            await author.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }).ClickAsync();
            await Assertions.Expect(author.GetByRole(AriaRole.Status).First).ToContainTextAsync("Đã gửi duyệt");

            // A preview link opens the draft in a browser without an account, until it is revoked.
            await editor.GotoAsync(editUrl.Replace("/sua/", "/xem/", StringComparison.Ordinal));
            await editor.GetByRole(AriaRole.Button, new() { Name = "Tạo liên kết xem trước" }).ClickAsync();
            var link = await editor.Locator("a.preview-link").GetAttributeAsync("href");
            var stranger = await (await server.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true })).NewPageAsync();
            var opened = await stranger.GotoAsync(server.BaseUrl + new Uri(link!).PathAndQuery);
            Assert.Equal(200, opened!.Status);
            await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("Làng đan lát thử nghiệm");
            await AssertAxeAsync(stranger);
            await editor.GetByRole(AriaRole.Button, new() { Name = "Thu hồi" }).First.ClickAsync();
            var revoked = await stranger.GotoAsync(server.BaseUrl + new Uri(link!).PathAndQuery);
            Assert.Equal(404, revoked!.Status);
            await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("Liên kết xem trước không còn hiệu lực");

            // The editor publishes; readers see it with both figures.
            await editor.GotoAsync(server.BaseUrl + "/quan-tri/duyet");
            await editor.Locator(".review-queue li", new() { HasText = "Làng đan lát thử nghiệm" }).GetByRole(AriaRole.Button, new() { Name = "Duyệt và đăng" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã duyệt và đăng");
            await stranger.GotoAsync(server.BaseUrl + "/lang-nghe/lang-dan-lat-thu-nghiem");
            await Assertions.Expect(stranger.Locator("main")).ToContainTextAsync("80");

            // Back to news and announcements only, as the other journeys expect.
            await adminPage.GotoAsync(server.BaseUrl + "/quan-tri/duyet");
            await adminPage.GetByLabel("Làng nghề", new() { Exact = true }).UncheckAsync();
            await adminPage.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
            await author.Context.CloseAsync();
            await editor.Context.CloseAsync();
            await adminPage.Context.CloseAsync();
            await stranger.Context.CloseAsync();
        });

    [Fact]
    public Task A_link_to_a_missing_item_is_refused_with_its_text() =>
        server.RunAsync("newsroom-broken-link", async page =>
        {
            await CreateAsync("bien-tap-lien-ket@example.vn", PortalRoles.Editor);
            var editor = await SignedInAsync("bien-tap-lien-ket@example.vn");
            await editor.GotoAsync(server.BaseUrl + "/quan-tri/noi-dung/sua?loai=news");
            await editor.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Tin có liên kết hỏng");
            await editor.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
            await editor.Keyboard.TypeAsync("Xem [làng gốm đã đổi tên](/lang-nghe/lang-khong-co).");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).Last.ClickAsync();
            await Assertions.Expect(editor.Locator(".validation-summary-errors")).ToContainTextAsync("“làng gốm đã đổi tên” (/lang-nghe/lang-khong-co)");
            await editor.Context.CloseAsync();
            _ = page;
        });

    [Fact]
    public Task A_synonym_added_in_the_admin_changes_the_next_search() =>
        server.RunAsync("newsroom-synonym", async reader =>
        {
            const string merger = "/tin-tuc/hop-nhat-tinh-lam-dong-tu-1-7-2025";
            async Task<string?> FirstResultAsync()
            {
                await reader.GotoAsync(server.BaseUrl + "/tim-kiem");
                await reader.GetByLabel("Từ khóa (có dấu hoặc không dấu)").FillAsync("sáp nhập");
                await reader.GetByLabel("Từ khóa (có dấu hoặc không dấu)").PressAsync("Enter");
                await Assertions.Expect(reader.Locator("#ket-qua-tim")).ToBeVisibleAsync();
                return await reader.Locator("section.search-results > ol.results h3 a").First.GetAttributeAsync("href");
            }

            // Readers say "sáp nhập"; the news says "hợp nhất".
            Assert.NotEqual(merger, await FirstResultAsync());

            await CreateAsync("bien-tap-tim-kiem@example.vn", PortalRoles.Editor);
            var editor = await SignedInAsync("bien-tap-tim-kiem@example.vn");
            await editor.GotoAsync(server.BaseUrl + "/quan-tri");
            await editor.GetByRole(AriaRole.Link, new() { Name = "Tìm kiếm", Exact = true }).ClickAsync();
            await editor.GetByLabel("Các từ cùng nghĩa, cách nhau bởi dấu “=”").FillAsync("sáp nhập = hợp nhất");
            await editor.GetByRole(AriaRole.Button, new() { Name = "Thêm nhóm từ" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm từ đồng nghĩa");
            await AssertAxeAsync(editor);

            // The very next search, from the same address that was answered (and cached) before.
            Assert.Equal(merger, await FirstResultAsync());

            // Removed again, so the other journeys search as before.
            await editor.GetByRole(AriaRole.Button, new() { Name = "Xóa nhóm sáp nhập = hợp nhất" }).ClickAsync();
            await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã xóa nhóm");
            Assert.NotEqual(merger, await FirstResultAsync());
            await editor.Context.CloseAsync();
        });
}
