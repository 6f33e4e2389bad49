using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// The newsroom's review: a contributor (Cộng tác viên) drafts and submits; an editor sends it back with a comment or
/// publishes it; every step is in the item's history and the audit log. Preview links open a draft without an account
/// until they expire or are revoked. Items come down by themselves at their set time.
/// </summary>
public sealed class ReviewWorkflowTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _author = null!;
    private HttpClient _editor = null!;

    public async Task InitializeAsync()
    {
        _author = await StaffClient.SignedInAsync(_factory, "cong-tac-vien@example.vn", PortalRoles.Author);
        _editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> News(string title, bool publish = true) => new()
    {
        ["loai"] = "news",
        ["Title"] = title,
        ["Slug"] = "",
        ["Summary"] = "Tóm tắt.",
        ["Published"] = publish ? "true" : "false",
        ["PublishedAt"] = "2026-11-28T09:00",
        ["Body"] = "Nội dung bài của cộng tác viên.",
        ["Version"] = "0",
    };

    private async Task<ContentItem> ItemAsync(string title)
    {
        ContentItem? item = null;
        await _factory.WithDbAsync(async db => item = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Title == title));
        return item!;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> PostAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var response = await StaffClient.PostFormAsync(client, url, fields, formPage);
        if (response.StatusCode == HttpStatusCode.Redirect)
            return (await Html.GetAsync(client, response.Headers.Location!.OriginalString)).Document;
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_authors_news_is_submitted_sent_back_with_a_comment_fixed_and_published_by_an_editor()
    {
        var reader = _factory.CreateReader();
        // The author has no publish box; a posted "Published" is not obeyed.
        var (_, _, form) = await Html.GetAsync(_author, "/quan-tri/noi-dung/sua?loai=news");
        Assert.Null(form.QuerySelector("input[name=Published]"));
        Assert.NotNull(form.QuerySelector("button[name=submit]"));
        var saved = await PostAsync(_author, "/quan-tri/noi-dung/sua", new(News("Hội thi gốm trẻ")) { ["submit"] = "1" }, "/quan-tri/noi-dung/sua?loai=news");
        Assert.Contains("Đã gửi duyệt", saved.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var item = await ItemAsync("Hội thi gốm trẻ");
        Assert.Equal((ContentStatus.Draft, ReviewState.Submitted), (item.Status, item.Review));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/tin-tuc/hoi-thi-gom-tre")).StatusCode);

        // Waiting: the author cannot change it, nor reach the queue; the editor sees it there.
        var (_, _, locked) = await Html.GetAsync(_author, $"/quan-tri/noi-dung/sua/{item.Id}");
        Assert.Contains("đang chờ duyệt", locked.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await _author.GetAsync("/quan-tri/duyet")).StatusCode);
        var (_, _, queue) = await Html.GetAsync(_editor, "/quan-tri/duyet");
        Assert.Contains("Hội thi gốm trẻ", queue.QuerySelector(".review-queue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("cong-tac-vien@example.vn", queue.QuerySelector(".review-queue")!.TextContent, StringComparison.Ordinal);

        // Sent back: a comment is required, and the author reads it on the item.
        var refused = await PostAsync(_editor, "/quan-tri/duyet?handler=Return", new() { ["id"] = $"{item.Id}", ["version"] = $"{item.Version}", ["note"] = " " }, "/quan-tri/duyet");
        Assert.Contains("Hãy viết góp ý", refused.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        await PostAsync(_editor, "/quan-tri/duyet?handler=Return", new() { ["id"] = $"{item.Id}", ["version"] = $"{item.Version}", ["note"] = "Ghi rõ ngày tổ chức hội thi." }, "/quan-tri/duyet");
        item = await ItemAsync("Hội thi gốm trẻ");
        Assert.Equal((ContentStatus.Draft, ReviewState.Returned), (item.Status, item.Review));
        var (_, _, returned) = await Html.GetAsync(_author, $"/quan-tri/noi-dung/sua/{item.Id}");
        Assert.Equal("Ghi rõ ngày tổ chức hội thi.", returned.QuerySelector(".review-note")?.TextContent);

        // Fixed and submitted again; the editor publishes it.
        var fields = await StaffClient.EditFormAsync(_author, $"/quan-tri/noi-dung/sua/{item.Id}");
        fields["Body"] = "Hội thi tổ chức ngày 20/12/2026.";
        fields["submit"] = "1";
        await PostAsync(_author, $"/quan-tri/noi-dung/sua/{item.Id}", fields);
        item = await ItemAsync("Hội thi gốm trẻ");
        Assert.Equal(ReviewState.Submitted, item.Review);
        await PostAsync(_editor, "/quan-tri/duyet?handler=Approve", new() { ["id"] = $"{item.Id}", ["version"] = $"{item.Version}" }, "/quan-tri/duyet");
        item = await ItemAsync("Hội thi gốm trẻ");
        Assert.Equal((ContentStatus.Published, ReviewState.None), (item.Status, item.Review));
        var (page, _, shown) = await Html.GetAsync(reader, "/tin-tuc/hoi-thi-gom-tre");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("20/12/2026", shown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Every step is in the history and the audit log, with who did it.
        await _factory.WithDbAsync(async db =>
        {
            var steps = await db.Revisions.Where(r => r.ContentItemId == item.Id).OrderBy(r => r.Number).Select(r => new { r.Actor, r.Summary }).ToListAsync();
            Assert.Collection(steps,
                s => Assert.Equal(("cong-tac-vien@example.vn", "Gửi duyệt “Hội thi gốm trẻ”"), (s.Actor, s.Summary)),
                s => Assert.Equal(("bien-tap@example.vn", "Trả lại “Hội thi gốm trẻ” cho tác giả: Ghi rõ ngày tổ chức hội thi."), (s.Actor, s.Summary)),
                s => Assert.Equal(("cong-tac-vien@example.vn", "Gửi duyệt “Hội thi gốm trẻ”"), (s.Actor, s.Summary)),
                s => Assert.Equal(("bien-tap@example.vn", "Duyệt và đăng “Hội thi gốm trẻ”"), (s.Actor, s.Summary)));
            var actions = await db.AuditEntries.Where(a => a.Target == "news/hoi-thi-gom-tre").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
            Assert.Equal([AuditActions.Submit, AuditActions.Return, AuditActions.Submit, AuditActions.Approve], actions);
        });

        // Once published, the author cannot change it unreviewed.
        fields = await StaffClient.EditFormAsync(_author, $"/quan-tri/noi-dung/sua/{item.Id}");
        fields["Title"] = "Sửa lén sau khi đăng";
        var after = await _author.PostAsync($"/quan-tri/noi-dung/sua/{item.Id}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Hội thi gốm trẻ", (await ItemAsync("Hội thi gốm trẻ")).Title);
    }

    [Fact]
    public async Task An_author_cannot_reach_what_editors_decide_and_an_admin_chooses_the_kinds_that_need_review()
    {
        foreach (var url in new[] { "/quan-tri/duyet", "/quan-tri/hoi-mua", "/quan-tri/gop-y", "/quan-tri/nguoi-dung", "/quan-tri/nhat-ky" })
            Assert.Equal(HttpStatusCode.Forbidden, (await _author.GetAsync(url)).StatusCode);
        var approve = await _author.PostAsync("/quan-tri/duyet?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "1", ["version"] = "1" }));
        Assert.NotEqual(HttpStatusCode.Redirect, approve.StatusCode);

        // Villages do not need review by default: the author publishes one directly…
        Assert.NotNull((await Html.GetAsync(_author, "/quan-tri/noi-dung/sua?loai=localities")).Document.QuerySelector("input[name=Published]"));
        // …until an admin says they do; and news then no longer needs it.
        var admin = await StaffClient.SignedInAsync(_factory, "quan-tri@example.vn", PortalRoles.Admin);
        await PostAsync(admin, "/quan-tri/duyet?handler=Settings", new() { ["kinds"] = "localities" }, "/quan-tri/duyet");
        Assert.Null((await Html.GetAsync(_author, "/quan-tri/noi-dung/sua?loai=localities")).Document.QuerySelector("input[name=Published]"));
        Assert.NotNull((await Html.GetAsync(_author, "/quan-tri/noi-dung/sua?loai=news")).Document.QuerySelector("input[name=Published]"));
        await PostAsync(_author, "/quan-tri/noi-dung/sua", News("Tin đăng thẳng"), "/quan-tri/noi-dung/sua?loai=news");
        Assert.Equal(ContentStatus.Published, (await ItemAsync("Tin đăng thẳng")).Status);
        // An editor moved to contributor is a contributor only (no longer reviews).
        var editorId = await StaffClient.IdOfAsync(_factory, "bien-tap@example.vn");
        var moved = await PostAsync(admin, "/quan-tri/nguoi-dung?handler=Role", new() { ["id"] = editorId, ["role"] = PortalRoles.Author }, "/quan-tri/nguoi-dung");
        Assert.Contains("nay là cộng tác viên", moved.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var demoted = (await StaffClient.SignInAsync(_factory, "bien-tap@example.vn")).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await demoted.GetAsync("/quan-tri/duyet")).StatusCode);
        await PostAsync(admin, "/quan-tri/nguoi-dung?handler=Role", new() { ["id"] = editorId, ["role"] = PortalRoles.Editor }, "/quan-tri/nguoi-dung");
        _editor = (await StaffClient.SignInAsync(_factory, "bien-tap@example.vn")).Client;

        var (_, _, queue) = await Html.GetAsync(_editor, "/quan-tri/duyet");
        Assert.Null(queue.QuerySelector("#cai-dat-duyet")); // an editor reviews; only an admin chooses what needs it
        var token = queue.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var settings = await _editor.PostAsync("/quan-tri/duyet?handler=Settings", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token ?? "" }));
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
    }

    [Fact]
    public async Task A_preview_link_opens_a_draft_without_an_account_until_revoked_or_expired()
    {
        await PostAsync(_author, "/quan-tri/noi-dung/sua", News("Bản nháp cho hợp tác xã", publish: false), "/quan-tri/noi-dung/sua?loai=news");
        var item = await ItemAsync("Bản nháp cho hợp tác xã");
        // Sharing a draft outside is an editor's decision, as publishing is: an author has no such button, and a post is refused.
        var (_, _, authorsPreview) = await Html.GetAsync(_author, $"/quan-tri/noi-dung/xem/{item.Id}");
        Assert.Null(authorsPreview.QuerySelector(".preview-links"));
        var token = authorsPreview.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        Assert.Equal(HttpStatusCode.Forbidden, (await _author.PostAsync($"/quan-tri/noi-dung/xem/{item.Id}?handler=Create",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["days"] = "30", ["__RequestVerificationToken"] = token }))).StatusCode);
        var created = await PostAsync(_editor, $"/quan-tri/noi-dung/xem/{item.Id}?handler=Create", new() { ["days"] = "7" }, $"/quan-tri/noi-dung/xem/{item.Id}");
        var link = new Uri(created.QuerySelector("a.preview-link")!.GetAttribute("href")!).PathAndQuery;

        var anonymous = _factory.CreateReader();
        var response = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Bản nháp cho hợp tác xã", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Null(page.QuerySelector("form[action='/gop-y-trang']")); // the secret address never goes into a feedback form
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/xem-truoc/" + new string('A', 43))).StatusCode);

        // Expired after its days.
        await _factory.AdvanceClockAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link)).StatusCode);

        // A new one works until revoked (a week on, the editor signs in again).
        _editor = (await StaffClient.SignInAsync(_factory, "bien-tap@example.vn")).Client;
        created = await PostAsync(_editor, $"/quan-tri/noi-dung/xem/{item.Id}?handler=Create", new() { ["days"] = "1" }, $"/quan-tri/noi-dung/xem/{item.Id}");
        link = new Uri(created.QuerySelector("a.preview-link")!.GetAttribute("href")!).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode);
        int linkId = 0;
        await _factory.WithDbAsync(async db =>
        {
            linkId = await db.PreviewLinks.Where(l => l.ContentItemId == item.Id && l.RevokedAtUtc == null).MaxAsync(l => l.Id);
            Assert.DoesNotContain(await db.PreviewLinks.Select(l => l.TokenHash).ToListAsync(), h => link.EndsWith(h, StringComparison.Ordinal)); // only hashes kept
        });
        await PostAsync(_editor, $"/quan-tri/noi-dung/xem/{item.Id}?handler=Revoke", new() { ["link"] = $"{linkId}" }, $"/quan-tri/noi-dung/xem/{item.Id}");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link)).StatusCode);
        await _factory.WithDbAsync(async db => Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.PreviewLink)));
    }

    [Fact]
    public async Task An_announcement_comes_down_by_itself_at_its_set_time()
    {
        var fields = new Dictionary<string, string>(News("Hạn nộp hồ sơ OCOP")) { ["loai"] = "announcements", ["UnpublishAt"] = "2026-11-30T17:00" };
        var page = await PostAsync(_editor, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=announcements");
        var reader = _factory.CreateReader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/thong-bao/han-nop-ho-so-ocop")).StatusCode);

        // A time already past is refused, in Vietnamese, at its field.
        var past = new Dictionary<string, string>(News("Thông báo đã hết hạn")) { ["loai"] = "announcements", ["UnpublishAt"] = "2026-11-28T09:30" };
        var refused = await PostAsync(_editor, "/quan-tri/noi-dung/sua", past, "/quan-tri/noi-dung/sua?loai=announcements");
        Assert.Contains("đã qua", refused.QuerySelector("[data-valmsg-for=UnpublishAt]")?.TextContent, StringComparison.Ordinal);

        await _factory.AdvanceClockAsync(TimeSpan.FromDays(2) + TimeSpan.FromHours(7)); // 30/11 17:00 Vietnam time has passed
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/thong-bao/han-nop-ho-so-ocop")).StatusCode);
        var item = await ItemAsync("Hạn nộp hồ sơ OCOP");
        Assert.Equal((ContentStatus.Draft, (DateTime?)null), (item.Status, item.UnpublishAtUtc));
        await _factory.WithDbAsync(async db => Assert.Equal("lịch đăng",
            (await db.Revisions.Where(r => r.ContentItemId == item.Id).OrderByDescending(r => r.Number).FirstAsync()).Actor));
        _ = page;
    }
}
