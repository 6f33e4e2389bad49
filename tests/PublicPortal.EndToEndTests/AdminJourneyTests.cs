using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.EndToEndTests;

/// <summary>An editor publishes an announcement with the Markdown editor; admin pages pass axe.</summary>
[Collection(PortalCollection.Name)]
public sealed class AdminJourneyTests(PortalServer server)
{
    private const string Password = "mat-khau-trinh-duyet-2026";

    private async Task CreateAsync(string email, string role)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        var problems = await accounts.CreateAsync(email, role, Password, "test");
        Assert.True(problems.Count == 0 || problems.Any(p => p.Contains("đã có tài khoản", StringComparison.Ordinal)), string.Join(' ', problems));
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(server.BaseUrl + "/dang-nhap");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        // Expect polls the address: no race with a navigation that finished before the wait began.
        await Assertions.Expect(page).ToHaveURLAsync(server.BaseUrl + "/quan-tri");
    }

    [Fact]
    public Task An_editor_writes_previews_and_publishes_an_announcement() =>
        server.RunAsync("admin-publish", async page =>
        {
            await CreateAsync("bien-tap-e2e@example.vn", PortalRoles.Editor);
            await SignInAsync(page, "bien-tap-e2e@example.vn");
            await page.GotoAsync(server.BaseUrl + "/quan-tri/noi-dung/sua?loai=announcements");
            await page.GetByLabel("Tiêu đề", new() { Exact = true }).FillAsync("Thông báo tuyển chọn nghệ nhân gốm");

            // EasyMDE has replaced the textarea: type into its editor, then preview through the server.
            await page.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
            await page.Keyboard.TypeAsync("Hồ sơ gửi về **Sở Công Thương** trước ngày 15/12.");
            await page.Locator(".editor-toolbar button.preview").ClickAsync();
            await Assertions.Expect(page.Locator(".editor-preview strong")).ToHaveTextAsync("Sở Công Thương");
            await page.Locator(".editor-toolbar button.preview").ClickAsync();

            await page.GetByLabel("Đăng công khai (bỏ chọn: bản nháp)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).Last.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu.");

            await page.GotoAsync(server.BaseUrl + "/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Thông báo tuyển chọn nghệ nhân gốm" }).First.ClickAsync();
            await Assertions.Expect(page.Locator("article strong")).ToHaveTextAsync("Sở Công Thương");

            await page.GotoAsync(server.BaseUrl + "/tim-kiem?q=" + Uri.EscapeDataString("tuyen chon nghe nhan"));
            await Assertions.Expect(page.Locator("ol.results h3 a").First).ToHaveAttributeAsync("href", "/thong-bao/thong-bao-tuyen-chon-nghe-nhan-gom");
        });

    [Fact]
    public Task The_route_editor_with_its_stop_fields_passes_axe() =>
        server.RunAsync("axe-admin-route", async page =>
        {
            await CreateAsync("quan-tri-e2e@example.vn", PortalRoles.Admin);
            await SignInAsync(page, "quan-tri-e2e@example.vn");
            await page.GotoAsync(server.BaseUrl + "/quan-tri/noi-dung?loai=routes");
            await page.Locator("table.admin-table tbody a").First.ClickAsync();
            await Assertions.Expect(page.Locator("fieldset.stops")).ToBeVisibleAsync();
            var results = await page.RunAxe();
            Assert.True(results.Violations.Length == 0, string.Join('\n', results.Violations.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        });

    /// <summary>
    /// The site's CSP allows no inline style. EasyMDE and CodeMirror set their styles through the CSSOM (element.style),
    /// which CSP does not govern; what it did block was the validation summary's hidden &lt;li style="display:none"&gt;.
    /// </summary>
    [Fact]
    public Task The_markdown_editor_and_the_admin_forms_work_under_the_content_security_policy() =>
        server.RunAsync("admin-csp", async page =>
        {
            // Every CSP violation the page reports (inline styles, scripts, fonts…), kept for the assertion.
            await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber + ' ' + (e.sample || '') + ' ' + (e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 300) : '')); }, true);");
            var console = new List<string>();
            page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) console.Add(page.Url + ": " + message.Text); };
            var violations = new List<string>();
            async Task CollectAsync() => violations.AddRange((await page.EvaluateAsync<string[]>("window.__csp")).Select(v => page.Url + ": " + v));

            await CreateAsync("quan-tri-csp@example.vn", PortalRoles.Admin);
            await SignInAsync(page, "quan-tri-csp@example.vn");
            foreach (var path in new[] { "/quan-tri/mat-khau", "/quan-tri/xac-thuc-hai-lop", "/quan-tri/nguoi-dung", "/quan-tri/thu-vien-anh", "/quan-tri/noi-dung/sua/1" })
            {
                await page.GotoAsync(server.BaseUrl + path);
                await CollectAsync();
            }

            await page.GotoAsync(server.BaseUrl + "/quan-tri/noi-dung/sua?loai=news");
            await page.Locator(".EasyMDEContainer .CodeMirror").ClickAsync();
            await page.Keyboard.TypeAsync("Dòng **đậm** và một [liên kết](/tin-tuc).");
            await page.Keyboard.PressAsync("Enter");
            await page.Locator(".editor-toolbar button.bold").ClickAsync();
            await page.Locator(".editor-toolbar button.side-by-side").ClickAsync();
            await Assertions.Expect(page.Locator(".editor-preview-side strong").First).ToHaveTextAsync("đậm");
            await page.Locator(".editor-toolbar button.side-by-side").ClickAsync();
            await page.Locator(".editor-toolbar button.preview").ClickAsync();
            await Assertions.Expect(page.Locator(".editor-preview strong").First).ToHaveTextAsync("đậm");
            await CollectAsync();
            Assert.True(violations.Count == 0 && console.Count == 0, string.Join('\n', violations.Concat(console)));
        });

    [Fact]
    public async Task Kestrel_sends_no_server_header()
    {
        using var http = PortalServer.CreateHttpClient();
        using var response = await http.GetAsync(server.BaseUrl + "/dang-nhap");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Headers.Server);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    public static TheoryData<string> AdminPages => new()
    {
        "/dang-nhap", "/quan-tri", "/quan-tri/noi-dung", "/quan-tri/noi-dung/sua?loai=news", "/quan-tri/noi-dung/sua/1",
        "/quan-tri/noi-dung/lich-su/1?tu=1&den=1", "/quan-tri/nhat-ky", "/quan-tri/nguoi-dung", "/quan-tri/hoi-mua", "/quan-tri/gop-y",
        "/quan-tri/mat-khau", "/quan-tri/xac-thuc-hai-lop", "/quan-tri/thong-ke", "/quan-tri/noi-dung/xem/1", "/quan-tri/thu-vien-anh",
        "/quan-tri/duyet", "/quan-tri/hop-thu", "/quan-tri/noi-dung/sua?loai=villages", "/quan-tri/noi-dung/sua?loai=products",
        "/quan-tri/noi-dung/sua?loai=plans", "/quan-tri/noi-dung/sua?loai=documents", "/quan-tri/noi-dung?trang-thai=cho-duyet",
        "/quan-tri/tim-kiem", "/quan-tri/lien-ket",
    };

    [Theory]
    [MemberData(nameof(AdminPages))]
    public Task Axe_finds_no_violations_on_admin_pages(string path) =>
        server.RunAsync("axe-admin" + path, async page =>
        {
            await CreateAsync("quan-tri-e2e@example.vn", PortalRoles.Admin);
            if (path != "/dang-nhap") await SignInAsync(page, "quan-tri-e2e@example.vn");
            var response = await page.GotoAsync(server.BaseUrl + path);
            Assert.Equal(200, response!.Status);
            var results = await page.RunAxe();
            Assert.True(results.Violations.Length == 0, string.Join('\n', results.Violations.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        });
}
