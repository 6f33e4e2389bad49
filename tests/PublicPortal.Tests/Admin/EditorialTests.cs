using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>Editors' work through the admin forms, checked where readers and other editors see it, on each engine.</summary>
public abstract class EditorialTestsOn(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Provider = provider };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> NewAnnouncement(string title, string published, bool publish = true) => new()
    {
        ["loai"] = "announcements",
        ["Title"] = title,
        ["Slug"] = "",
        ["Summary"] = "Tóm tắt thông báo thử.",
        ["Published"] = publish ? "true" : "false",
        ["PublishedAt"] = published,
        ["Body"] = "Nội dung **thông báo** về hội chợ gốm.",
        ["Extra"] = "",
        ["Version"] = "0",
    };

    private static async Task<string> CreateAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var response = await StaffClient.PostFormAsync(client, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=announcements");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.StatusCode}: " + Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".notice.error, main")?.TextContent);
        return response.Headers.Location!.OriginalString.Split('?')[0];
    }

    private static async Task<List<string>> SearchAsync(HttpClient client, string query)
    {
        var (_, _, page) = await Html.GetAsync(client, "/tim-kiem?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll("ol.results h3 a").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Fact]
    public async Task A_published_announcement_is_on_the_site_and_in_search_at_once()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var reader = _factory.CreateReader();
        await CreateAsync(editor, NewAnnouncement("Hội chợ gốm Bình Đức mùa xuân", "2026-11-28T09:00"));

        var (page, _, document) = await Html.GetAsync(reader, "/thong-bao/hoi-cho-gom-binh-duc-mua-xuan");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("thông báo", document.QuerySelector("article strong")!.TextContent);
        Assert.Contains("/thong-bao/hoi-cho-gom-binh-duc-mua-xuan", (await Html.GetAsync(reader, "/thong-bao")).Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("/thong-bao/hoi-cho-gom-binh-duc-mua-xuan", await SearchAsync(reader, "hoi cho gom mua xuan"));
        await _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Target == "announcements/hoi-cho-gom-binh-duc-mua-xuan");
            Assert.Equal(("bien-tap@example.vn", AuditActions.Create), (entry.Actor, entry.Action));
        });
    }

    [Fact]
    public async Task A_draft_stays_hidden_and_a_scheduled_item_appears_at_its_time()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var reader = _factory.CreateReader();
        await CreateAsync(editor, NewAnnouncement("Bản nháp chưa đăng", "2026-11-28T09:00", publish: false));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/thong-bao/ban-nhap-chua-dang")).StatusCode);

        // The test clock stands at 10:00 on 28/11/2026 in Vietnam; the item is due at 08:00 the next morning.
        await CreateAsync(editor, NewAnnouncement("Lịch tiếp nhận hồ sơ OCOP", "2026-11-29T08:00"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/thong-bao/lich-tiep-nhan-ho-so-ocop")).StatusCode);
        Assert.DoesNotContain("/thong-bao/lich-tiep-nhan-ho-so-ocop", await SearchAsync(reader, "lich tiep nhan ho so"));
        Assert.DoesNotContain("lich-tiep-nhan-ho-so-ocop", await reader.GetStringAsync("/rss.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain("lich-tiep-nhan-ho-so-ocop", await reader.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain("ban-nhap-chua-dang", await reader.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);

        await _factory.AdvanceClockAsync(TimeSpan.FromHours(22).Add(TimeSpan.FromMinutes(1)));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/thong-bao/lich-tiep-nhan-ho-so-ocop")).StatusCode);
        Assert.Contains("/thong-bao/lich-tiep-nhan-ho-so-ocop", await SearchAsync(reader, "lich tiep nhan ho so"));
        var rss = System.Xml.Linq.XDocument.Parse(await reader.GetStringAsync("/rss.xml"));
        Assert.Equal("http://localhost/thong-bao/lich-tiep-nhan-ho-so-ocop", rss.Descendants("item").First().Element("link")!.Value); // newest first
        var sitemap = System.Xml.Linq.XDocument.Parse(await reader.GetStringAsync("/sitemap.xml"));
        Assert.Contains(sitemap.Descendants(System.Xml.Linq.XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")), l => l.Value == "http://localhost/thong-bao/lich-tiep-nhan-ho-so-ocop");
    }

    [Fact]
    public async Task A_changed_slug_redirects_the_old_address_permanently()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var reader = _factory.CreateReader();
        var edit = await CreateAsync(editor, NewAnnouncement("Thông báo đổi địa chỉ", "2026-11-28T09:00"));
        var fields = await StaffClient.EditFormAsync(editor, edit);
        fields["Slug"] = "thong-bao-dia-chi-moi";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostAsync(edit, new FormUrlEncodedContent(fields))).StatusCode);

        var old = await reader.GetAsync("/thong-bao/thong-bao-doi-dia-chi");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/thong-bao/thong-bao-dia-chi-moi", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/thong-bao/thong-bao-dia-chi-moi")).StatusCode);
        Assert.Equal(["/thong-bao/thong-bao-dia-chi-moi"], (await SearchAsync(reader, "thong bao doi dia chi")).Where(h => h.Contains("dia-chi", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Two_editors_saving_the_same_item_get_a_conflict_not_a_silent_overwrite()
    {
        var first = await StaffClient.SignedInAsync(_factory, "bien-tap-a@example.vn", PortalRoles.Editor);
        var second = await StaffClient.SignedInAsync(_factory, "bien-tap-b@example.vn", PortalRoles.Editor);
        var edit = await CreateAsync(first, NewAnnouncement("Thông báo sửa cùng lúc", "2026-11-28T09:00"));
        var mine = await StaffClient.EditFormAsync(first, edit);
        var theirs = await StaffClient.EditFormAsync(second, edit);

        theirs["Body"] = "Bản của biên tập viên B.";
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync(edit, new FormUrlEncodedContent(theirs))).StatusCode);
        mine["Body"] = "Bản của biên tập viên A.";
        var conflict = await first.PostAsync(edit, new FormUrlEncodedContent(mine));
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = Html.Parse(await conflict.Content.ReadAsStringAsync());
        Assert.Contains("bien-tap-b@example.vn", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        // Word by word: only the editor's letter differs.
        Assert.Equal("Bản của biên tập viên [bỏ: B] [thêm: A].", page.QuerySelector(".diff .diff-body")!.TextContent.Replace("][", "] [", StringComparison.Ordinal));
        await _factory.WithDbAsync(async db =>
            Assert.Equal("Bản của biên tập viên B.", (await db.ContentItems.SingleAsync(x => x.Slug == "thong-bao-sua-cung-luc")).Body));

        // Having read the differences, A saves again on purpose: now A's text wins, and B's stays in the history.
        var again = page.QuerySelector("form.editor input[name=Version]")!.GetAttribute("value")!;
        mine["Version"] = again;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(edit, new FormUrlEncodedContent(mine))).StatusCode);
        await _factory.WithDbAsync(async db =>
        {
            var item = await db.ContentItems.SingleAsync(x => x.Slug == "thong-bao-sua-cung-luc");
            Assert.Equal("Bản của biên tập viên A.", item.Body);
            Assert.Equal(3, await db.Revisions.CountAsync(r => r.ContentItemId == item.Id));
        });
    }

    [Fact]
    public async Task Revisions_open_on_the_latest_change_word_by_word_with_fields_by_name()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var edit = await CreateAsync(editor, NewAnnouncement("Thông báo có lịch sử", "2026-11-28T09:00"));
        var fields = await StaffClient.EditFormAsync(editor, edit);
        fields["Body"] = "Nội dung **thông báo** về hội chợ gốm Bình Đức.";
        fields["Summary"] = "Tóm tắt mới của thông báo.";
        await editor.PostAsync(edit, new FormUrlEncodedContent(fields));
        fields = await StaffClient.EditFormAsync(editor, edit);
        fields["Title"] = "Thông báo có lịch sử (đã sửa)";
        await editor.PostAsync(edit, new FormUrlEncodedContent(fields));
        var id = edit.Split('/').Last();

        // Opened without choosing: the previous revision (2) against the latest (3), not 3 against 3.
        var (_, _, page) = await Html.GetAsync(editor, $"/quan-tri/noi-dung/lich-su/{id}");
        Assert.Equal("2", page.QuerySelector("#tu option[selected]")!.GetAttribute("value"));
        Assert.Equal("3", page.QuerySelector("#den option[selected]")!.GetAttribute("value"));
        var change = Assert.Single(page.QuerySelectorAll(".diff-fields li"));
        Assert.Equal("Tiêu đề", change.QuerySelector("strong")!.TextContent);
        Assert.Equal("Thông báo có lịch sử", change.QuerySelector("del")!.TextContent.Replace("Cũ: ", "", StringComparison.Ordinal));
        Assert.Equal("Thông báo có lịch sử (đã sửa)", change.QuerySelector("ins")!.TextContent);
        Assert.Null(page.QuerySelector(".diff-body")); // the body did not change between 2 and 3

        // Revisions 1 and 2: the summary by name, and in the body only the added words are marked, not the whole line.
        (_, _, page) = await Html.GetAsync(editor, $"/quan-tri/noi-dung/lich-su/{id}?tu=1&den=2");
        var summary = Assert.Single(page.QuerySelectorAll(".diff-fields li"));
        Assert.StartsWith("Tóm tắt", summary.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("---", page.QuerySelector(".diff")!.TextContent, StringComparison.Ordinal); // no raw YAML lines
        Assert.DoesNotContain(page.QuerySelectorAll(".diff-fields strong"), s => s.TextContent is "published" or "status");
        Assert.Empty(page.QuerySelectorAll(".diff-body del"));
        Assert.Equal("[thêm:  Bình Đức]", Assert.Single(page.QuerySelectorAll(".diff-body ins")).TextContent);
        Assert.Equal("Nội dung **thông báo** về hội chợ gốm[thêm:  Bình Đức].", page.QuerySelector(".diff-body")!.TextContent);

        // The site's own proportional font, not a monospace one that misplaces stacked tone marks.
        var css = await _factory.CreateReader().GetStringAsync("/css/site.css");
        var rule = System.Text.RegularExpressions.Regex.Match(css, @"\.diff \{[^}]*\}").Value;
        Assert.DoesNotContain("monospace", rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restoring_asks_to_confirm_then_says_what_was_restored()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var reader = _factory.CreateReader();
        var edit = await CreateAsync(editor, NewAnnouncement("Thông báo cần khôi phục", "2026-11-28T09:00"));
        var fields = await StaffClient.EditFormAsync(editor, edit);
        fields["Body"] = "Nội dung đã sửa nhầm.";
        await editor.PostAsync(edit, new FormUrlEncodedContent(fields));
        var id = edit.Split('/').Last();

        // The history offers a link, not a one-click button: nothing is restored by following it.
        var (_, _, history) = await Html.GetAsync(editor, $"/quan-tri/noi-dung/lich-su/{id}");
        Assert.Empty(history.QuerySelectorAll("table form"));
        var link = history.QuerySelector("a[href*='khoi-phuc=1']")!.GetAttribute("href")!;
        var (_, _, confirm) = await Html.GetAsync(editor, link);
        var stamp = "28/11/2026 10:00";
        Assert.Equal($"Khôi phục phiên bản 1 (ngày {stamp}, của bien-tap@example.vn)?", confirm.QuerySelector("#xac-nhan")!.TextContent);
        Assert.Contains(confirm.QuerySelectorAll(".diff-body ins"), i => i.TextContent.Contains("thông báo", StringComparison.Ordinal)); // what restoring brings back
        Assert.Equal("Nội dung đã sửa nhầm.", (await Html.GetAsync(reader, "/thong-bao/thong-bao-can-khoi-phuc")).Document.QuerySelector(".prose")!.TextContent.Trim());
        await _factory.WithDbAsync(async db => Assert.Equal(2, await db.Revisions.CountAsync(r => r.ContentItemId == int.Parse(id, System.Globalization.CultureInfo.InvariantCulture))));

        var restore = await StaffClient.PostFormAsync(editor, $"/quan-tri/noi-dung/lich-su/{id}?handler=Restore", new() { ["number"] = "1" }, link);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        var (_, _, done) = await Html.GetAsync(editor, restore.Headers.Location!.OriginalString);
        Assert.Equal($"Đã khôi phục phiên bản 1 (ngày {stamp}) thành phiên bản mới 3.", done.QuerySelector(".notice[role=status]")!.TextContent);
        var (_, _, page) = await Html.GetAsync(reader, "/thong-bao/thong-bao-can-khoi-phuc");
        Assert.Equal("thông báo", page.QuerySelector("article strong")!.TextContent);
        await _factory.WithDbAsync(async db =>
        {
            var revisions = await db.Revisions.Where(r => r.ContentItemId == int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)).OrderBy(r => r.Number).ToListAsync();
            Assert.Equal([1, 2, 3], revisions.Select(r => r.Number));
            Assert.StartsWith("Khôi phục", revisions[2].Summary, StringComparison.Ordinal);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.Restore));
        });
    }

    [Fact]
    public async Task Saving_a_scheduled_item_says_when_it_goes_out_and_links_to_the_private_preview()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        // The test clock stands at 10:00 on 28/11/2026 in Vietnam.
        var edit = await CreateAsync(editor, NewAnnouncement("Lịch hội chợ tháng mười hai", "2026-12-02T08:00"));
        var (_, _, page) = await Html.GetAsync(editor, edit + "?da-luu=1");
        var notice = page.QuerySelector(".notice[role=status]")!;
        Assert.Contains("Sẽ đăng lúc 08:00 02/12/2026", notice.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Xem trên cổng", notice.TextContent, StringComparison.Ordinal);
        var href = notice.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal($"/quan-tri/noi-dung/xem/{edit.Split('/').Last()}", href);
        var (preview, _, previewPage) = await Html.GetAsync(editor, href);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("Lịch hội chợ tháng mười hai", previewPage.QuerySelector("article h1")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateReader().GetAsync("/thong-bao/lich-hoi-cho-thang-muoi-hai")).StatusCode);

        // Once published now, the notice links to the public page.
        var live = await CreateAsync(editor, NewAnnouncement("Hội chợ đã mở cửa", "2026-11-28T09:00"));
        (_, _, page) = await Html.GetAsync(editor, live + "?da-luu=1");
        Assert.Equal("/thong-bao/hoi-cho-da-mo-cua", page.QuerySelector(".notice[role=status] a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Bad_input_gets_vietnamese_messages_and_nothing_is_saved()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var fields = NewAnnouncement("", "2026-11-28T09:00");
        var response = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=announcements");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hãy nhập tiêu đề.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields = NewAnnouncement("Thông báo nguồn hỏng", "2026-11-28T09:00");
        fields["Details.Sources[0].Title"] = "Nguồn";
        fields["Details.Sources[0].Url"] = "javascript:alert(1)";
        response = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=announcements");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Địa chỉ trang nguồn: phải bắt đầu bằng https:// hoặc http://.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields = NewAnnouncement("Trùng đường dẫn", "2026-11-28T09:00");
        fields["Slug"] = "han-hieu-luc-chung-nhan-ocop-36-thang";
        response = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=announcements");
        Assert.Contains("đã có nội dung khác", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.False(await db.ContentItems.AnyAsync(x => x.Title == "Thông báo nguồn hỏng" || x.Title == "Trùng đường dẫn")));
    }
}

/// <summary>Editors' work on SQLite, the embedded default.</summary>
public sealed class EditorialTests() : EditorialTestsOn(DatabaseProvider.Sqlite);

/// <summary>Editors' work on PostgreSQL, as several nodes run it (saves, conflicts, schedules, revisions).</summary>
public sealed class EditorialPostgreSqlTests() : EditorialTestsOn(DatabaseProvider.PostgreSql);

/// <summary>A route's stops are edited with their own fields: add, remove and reorder without JavaScript, then save.</summary>
public sealed class RouteStopsEditorTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static List<string> StopValues(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("fieldset.stops ol select").Select(s => (s.QuerySelector("option[selected]") ?? s.QuerySelector("option"))!.GetAttribute("value")!).ToList();

    [Fact]
    public async Task Stops_are_reordered_removed_and_added_then_saved_in_that_order()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "tuyen@example.vn", PortalRoles.Editor);
        int id = 0;
        await _factory.WithDbAsync(async db => id = (await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Route && x.Slug == "hanh-trinh-xanh-2023")).Id);
        var url = $"/quan-tri/noi-dung/sua/{id}";
        var fields = await StaffClient.EditFormAsync(editor, url);
        Assert.Equal("sight:lang-chai-mui-ne", fields["Stops[0].Place"]);
        Assert.False(fields.ContainsKey("Extra")); // stops have their own fields; nothing is typed as YAML

        async Task<Dictionary<string, string>> PressAsync(Dictionary<string, string> form, string action, string? newStop = null)
        {
            var post = new Dictionary<string, string>(form) { ["stop"] = action };
            if (newStop is not null) post["NewStop"] = newStop;
            var response = await editor.PostAsync(url, new FormUrlEncodedContent(post));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            var next = new Dictionary<string, string>();
            foreach (var input in page.QuerySelectorAll("form.editor input[name], form.editor textarea[name], form.editor select[name]"))
            {
                var name = input.GetAttribute("name")!;
                if (next.ContainsKey(name) || input.GetAttribute("type") == "checkbox" && !input.HasAttribute("checked")) continue;
                next[name] = input.LocalName switch
                {
                    "textarea" => input.TextContent,
                    "select" => (input.QuerySelector("option[selected]") ?? input.QuerySelector("option"))?.GetAttribute("value") ?? "",
                    _ => input.GetAttribute("type") == "checkbox" ? "true" : input.GetAttribute("value") ?? "",
                };
            }
            Assert.Equal(StopValues(page), next.Where(kv => kv.Key.EndsWith(".Place", StringComparison.Ordinal)).Select(kv => kv.Value).ToList());
            return next;
        }

        fields = await PressAsync(fields, "down:0");
        Assert.Equal("sight:bau-trang", fields["Stops[0].Place"]);
        Assert.Equal("sight:lang-chai-mui-ne", fields["Stops[1].Place"]);
        fields = await PressAsync(fields, "remove:2");
        fields = await PressAsync(fields, "add", "village:gom-binh-duc");
        Assert.Equal("village:gom-binh-duc", fields["Stops[2].Place"]);
        await _factory.WithDbAsync(async db => // nothing saved yet
            Assert.Equal("lang-chai-mui-ne", (await db.ContentItems.SingleAsync(x => x.Id == id)).Route!.Stops[0].Slug));

        var saved = await editor.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await _factory.WithDbAsync(async db =>
        {
            var stops = (await db.ContentItems.SingleAsync(x => x.Id == id)).Route!.Stops;
            Assert.Equal(["bau-trang", "lang-chai-mui-ne", "gom-binh-duc"], stops.Select(s => s.Slug));
            Assert.Equal("Đồi cát trắng và hồ nước ngọt.", stops[0].Note);
            Assert.Equal(120, stops[0].Minutes);
        });
        var (_, _, route) = await Html.GetAsync(_factory.CreateReader(), "/tuyen-du-lich/hanh-trinh-xanh-2023");
        Assert.Contains("Bình Đức", route.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_still_used_by_a_route_cannot_be_deleted()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "xoa@example.vn", PortalRoles.Editor);
        int id = 0;
        await _factory.WithDbAsync(async db => id = (await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Sight && x.Slug == "bau-trang")).Id);
        var (_, _, confirm) = await Html.GetAsync(editor, $"/quan-tri/noi-dung/xoa/{id}");
        Assert.Contains("Chưa thể xóa", confirm.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(confirm.QuerySelectorAll("[role=alert] a"), a => a.TextContent.Contains("Hành trình xanh", StringComparison.Ordinal));
        // Posting anyway (the page offers no button) is refused too: the token comes from the edit form.
        var response = await StaffClient.PostFormAsync(editor, $"/quan-tri/noi-dung/xoa/{id}", [], $"/quan-tri/noi-dung/sua/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chưa thể xóa", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.True(await db.ContentItems.AnyAsync(x => x.Id == id)));
    }
}

/// <summary>A document's file is uploaded with the form; its type is read from its content, and hostile files are refused.</summary>
public sealed class DocumentUploadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpResponseMessage> UploadAsync(HttpClient editor, string url, byte[] file, string fileName)
    {
        var fields = await StaffClient.EditFormAsync(editor, url);
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(file), "Upload", fileName);
        return await editor.PostAsync(url, form);
    }

    [Fact]
    public async Task A_pdf_replaces_the_attachment_and_hostile_files_are_refused()
    {
        var editor = await StaffClient.SignedInAsync(factory, "van-ban@example.vn", PortalRoles.Editor);
        int id = 0;
        await factory.WithDbAsync(async db => id = (await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Document && x.Slug == "3073-kh-ubnd")).Id);
        var url = $"/quan-tri/noi-dung/sua/{id}";

        foreach (var (bytes, name, message) in new (byte[], string, string)[]
        {
            ("<html><script>alert(1)</script></html>"u8.ToArray(), "ke-hoach.pdf", "Không nhận tệp HTML"),
            ("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"u8.ToArray(), "ke-hoach.txt", "Không nhận tệp HTML"),
            ([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00], "ke-hoach.doc", "Chỉ nhận tệp PDF"),
            ("PK\u0003\u0004rest-of-a-zip"u8.ToArray(), "../../ke-hoach.zip", "Tệp nén chỉ được nhận"),
        })
        {
            var refused = await UploadAsync(editor, url, bytes, name);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains(message, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await factory.WithDbAsync(async db =>
            Assert.Equal("media/documents/3073-kh-ubnd-tom-tat.txt", (await db.ContentItems.SingleAsync(x => x.Id == id)).Attachment));

        var pdf = "%PDF-1.4\n% Kế hoạch 3073\n%%EOF\n"u8.ToArray();
        var saved = await UploadAsync(editor, url, pdf, "../../../etc/passwd.pdf");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var download = await factory.CreateReader().GetAsync("/van-ban/3073-kh-ubnd/tai-ve");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        await factory.WithDbAsync(async db =>
            Assert.Matches("^media/documents/3073-kh-ubnd-[0-9a-f]{12}\\.pdf$", (await db.ContentItems.SingleAsync(x => x.Id == id)).Attachment));
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused_with_a_message_and_a_body_over_the_limit_with_413()
    {
        var editor = await StaffClient.SignedInAsync(factory, "van-ban-lon@example.vn", PortalRoles.Editor);
        int id = 0;
        await factory.WithDbAsync(async db => id = (await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Document && x.Slug == "3073-kh-ubnd")).Id);
        var url = $"/quan-tri/noi-dung/sua/{id}";
        var pdf = "%PDF-1.4\n"u8.ToArray();

        // Inside the body limit (one file of 20 MB plus 1 MB of fields) but over the file limit: the form again, with why.
        var refused = await UploadAsync(editor, url, [.. pdf, .. new byte[20 * 1024 * 1024 + 100_000]], "ke-hoach.pdf");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tệp lớn hơn 20 MB.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tooLarge = await UploadAsync(editor, url, [.. pdf, .. new byte[22 * 1024 * 1024]], "ke-hoach.pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("Mỗi lần gửi được tối đa 1 tệp, mỗi tệp tối đa 20 MB", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await factory.WithDbAsync(async db =>
            Assert.Equal("media/documents/3073-kh-ubnd-tom-tat.txt", (await db.ContentItems.SingleAsync(x => x.Id == id)).Attachment));
    }
}
