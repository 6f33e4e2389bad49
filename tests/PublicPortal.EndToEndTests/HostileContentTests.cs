using PublicPortal.Web.Features.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.EndToEndTests;

/// <summary>Stored and reflected script payloads in real Chromium: no dialog opens and no script error is logged on any page that shows them.</summary>
[Collection(PortalCollection.Name)]
public sealed class HostileContentTests(PortalServer server)
{
    private static readonly string[] Payloads =
    [
        "<script>alert('t')</script>", "\"><svg onload=alert('a')>", "'><img src=x onerror=alert('i')>", "javascript:alert('j')",
        "</script><script>alert('s')</script>", "<iframe src=javascript:alert('f')>", "[x](javascript:alert('m'))", "<a href=\"javascript:alert('h')\">h</a>",
    ];

    /// <summary>What a script would leave behind on this page from now on: dialogs, script errors, uncaught exceptions.</summary>
    private static List<string> ScriptsThatRun(IPage page)
    {
        var ran = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            ran.Add(page.Url + ": dialog " + dialog.Message);
            await dialog.DismissAsync();
        };
        // A 404 answer is itself logged as "Failed to load resource": that is the page asked for, not a script.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) ran.Add(page.Url + ": " + message.Text); };
        page.PageError += (_, error) => ran.Add(page.Url + ": " + error);
        return ran;
    }

    [Fact]
    public async Task Script_payloads_never_run_where_they_are_shown()
    {
        var slugs = new List<string>();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<ContentWriter>();
            for (var i = 0; i < Payloads.Length; i++)
            {
                // Dated long ago, so the other journeys' first pages do not change.
                var item = EditorFields.Compose(ContentKind.News, "Tin thử " + Payloads[i], $"tin-thu-doc-hai-{i}", Payloads[i], true,
                    new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), $"{Payloads[i]}\n\n[liên kết]({Payloads[i].Replace(" ", "%20", StringComparison.Ordinal)})", "");
                var outcome = await editor.SaveAsync(item, null, 0, "e2e");
                Assert.IsType<SaveOutcome.Saved>(outcome);
                slugs.Add(item.Slug);
            }
            // A catalogue page too: a sight whose kind, address and text carry payloads.
            static string Quoted(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            var sight = EditorFields.Compose(ContentKind.Sight, "Điểm thử " + Payloads[1], "diem-thu-doc-hai", Payloads[2], true,
                new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), Payloads[4] + "\n\n" + Payloads[6],
                $"sight:\n  kind: {Quoted(Payloads[0])}\n  locality: phu-hai\n  address: {Quoted(Payloads[7])}\n");
            Assert.IsType<SaveOutcome.Saved>(await editor.SaveAsync(sight, null, 0, "e2e"));
        }

        var urls = slugs.Select(s => "/tin-tuc/" + s)
            .Concat(["/diem-den/diem-thu-doc-hai", "/diem-den"])
            .Concat(Payloads.Select(p => "/tim-kiem?q=" + Uri.EscapeDataString(p)))
            .Concat(Payloads.Select(p => "/tin-tuc/" + Uri.EscapeDataString(p)))
            .Concat(["/tim-kiem?q=tin+thu", "/rss.xml"]);
        await server.RunAsync(nameof(Script_payloads_never_run_where_they_are_shown), async page =>
        {
            var ran = ScriptsThatRun(page);
            foreach (var url in urls)
            {
                await page.GotoAsync(server.BaseUrl + url);
                foreach (var link in await page.Locator("main a[href^='javascript:' i]").AllAsync()) ran.Add(url + ": javascript: link " + await link.GetAttributeAsync("href"));
            }
            // Give any deferred handler (onerror of a broken image, onload) its chance.
            await page.WaitForTimeoutAsync(500);
            Assert.Empty(ran);
        });
    }

    [Fact]
    public async Task Script_payloads_never_run_on_the_admin_pages_that_list_them()
    {
        const string password = "mat-khau-doc-hai-2026";
        int id;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var problems = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().CreateAsync("doc-hai-e2e@example.vn", PortalRoles.Admin, password, "test");
            Assert.Empty(problems);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // Buyers' words as stored by the public form (straight in: the form's own rate limit is not what is tested here).
            foreach (var payload in Payloads)
                db.Enquiries.Add(new Enquiry { ProductSlug = "gom-cham-son-hoa", Name = payload, Contact = payload, Message = payload, CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            var item = EditorFields.Compose(ContentKind.News, "Tin quản trị " + Payloads[2], "tin-quan-tri-doc-hai", Payloads[1], false,
                new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), Payloads[0], "");
            var saved = Assert.IsType<SaveOutcome.Saved>(await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(item, null, 0, Payloads[0]));
            id = saved.Id;
            // A second revision, so the history's comparison (fields by name, body word by word) shows the payloads too.
            var version = (await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == id)).Version;
            var changed = EditorFields.Compose(ContentKind.News, "Tin quản trị sửa " + Payloads[1], "tin-quan-tri-doc-hai", Payloads[2], false,
                new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc), Payloads[0] + " " + Payloads[2], "");
            Assert.IsType<SaveOutcome.Saved>(await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(changed, id, version, Payloads[0]));
        }
        await server.RunAsync(nameof(Script_payloads_never_run_on_the_admin_pages_that_list_them), async page =>
        {
            var ran = ScriptsThatRun(page);
            await page.GotoAsync(server.BaseUrl + "/dang-nhap");
            await page.GetByLabel("Email").FillAsync("doc-hai-e2e@example.vn");
            await page.GetByLabel("Mật khẩu").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(server.BaseUrl + "/quan-tri");
            foreach (var url in new[] { "/quan-tri", "/quan-tri/noi-dung", $"/quan-tri/noi-dung/sua/{id}", $"/quan-tri/noi-dung/xem/{id}", $"/quan-tri/noi-dung/lich-su/{id}", "/quan-tri/hoi-mua", "/quan-tri/nhat-ky" })
                await page.GotoAsync(server.BaseUrl + url);
            await page.WaitForTimeoutAsync(500);
            Assert.Empty(ran);
        });
    }
}
