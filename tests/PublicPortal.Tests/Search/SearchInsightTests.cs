using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Search;

/// <summary>
/// What readers search for, told to editors without telling who searched; and what editors do about it: synonyms and
/// pinned results, written through the write path so the next search follows.
/// </summary>
public sealed class SearchInsightTests : IAsyncLifetime
{
    private const string Merger = "/tin-tuc/hop-nhat-tinh-lam-dong-tu-1-7-2025";
    private const string Village = "/lang-nghe/gom-binh-duc";

    private readonly PortalFactory _factory = new();
    private HttpClient _reader = null!;
    private HttpClient _editor = null!;

    public async Task InitializeAsync()
    {
        _reader = Reader(_factory);
        _editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>A reader's browser: robots (and clients that send no User-Agent) are not counted.</summary>
    internal static HttpClient Reader(PortalFactory factory)
    {
        var reader = factory.CreateReader();
        reader.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0");
        return reader;
    }

    internal static async Task<AngleSharp.Html.Dom.IHtmlDocument> SearchAsync(HttpClient client, string query)
    {
        var (response, _, document) = await Html.GetAsync(client, "/tim-kiem?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(SearchLogMiddleware.TotalHeader), "the count for the log is internal");
        return document;
    }

    internal static List<string> Results(AngleSharp.Html.Dom.IHtmlDocument page, int take = 3) =>
        page.QuerySelectorAll("section.search-results > ol.results h3 a").Select(a => a.GetAttribute("href")!).Take(take).ToList();

    private async Task<List<SearchQueryDay>> LoggedAsync()
    {
        await _factory.Services.GetRequiredService<SearchLog>().FlushAsync();
        List<SearchQueryDay> rows = [];
        await _factory.WithDbAsync(async db => rows = await db.SearchQueryDays.AsNoTracking().ToListAsync());
        return rows;
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PostAsync(Dictionary<string, string> fields, string handler)
    {
        var response = await StaffClient.PostFormAsync(_editor, "/quan-tri/tim-kiem?handler=" + handler, fields, "/quan-tri/tim-kiem");
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        if (response.StatusCode == HttpStatusCode.Redirect) return (await Html.GetAsync(_editor, response.Headers.Location!.OriginalString)).Document;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Searches_are_counted_per_day_and_words_never_with_who_and_cached_answers_count_too()
    {
        foreach (var query in new[] { "Gốm", "gốm", "  GOM ", "gốm" }) await SearchAsync(_reader, query);
        // Not what a reader typed: later pages and filters of the same search, robots, staff.
        await _reader.GetAsync("/tim-kiem?q=g%E1%BB%91m&page=2");
        await _reader.GetAsync("/tim-kiem?q=g%E1%BB%91m&loai=lang-nghe");
        var robot = _factory.CreateReader();
        robot.DefaultRequestHeaders.UserAgent.ParseAdd("Googlebot/2.1 (+http://www.google.com/bot.html)");
        await robot.GetAsync("/tim-kiem?q=g%E1%BB%91m");
        await _editor.GetAsync("/tim-kiem?q=g%E1%BB%91m");
        // What could say who typed it is not kept at all.
        foreach (var personal in new[] { "0903 123 456", "nguyen.van.a@example.vn", "CCCD 079201001234", "0903.123.456", "nguyen＠example.vn", "０９０３１２３４５６" })
            await SearchAsync(_reader, personal);

        var rows = await LoggedAsync();
        var row = Assert.Single(rows);
        Assert.Equal("gom", row.Query);
        Assert.Equal(4, row.Searches);
        Assert.True(row.Results > 0);
        Assert.Equal(new DateOnly(2026, 11, 28), row.Day);
        // The table has no column for an address, a browser, a time of day or an account.
        await _factory.WithDbAsync(db =>
        {
            var columns = db.Model.FindEntityType(typeof(SearchQueryDay))!.GetProperties().Select(p => p.Name).Order().ToList();
            Assert.Equal(["Day", "Query", "Results", "Searches", "Text"], columns);
            return Task.CompletedTask;
        });

        // The next day is a row of its own; the first stays.
        // "Tìm chính xác" after a correction, and a HEAD, are not new searches; the count never reaches the reader.
        await _reader.GetAsync("/tim-kiem?q=thanh+lonh&chinh-xac=1");
        var head = await _reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/tim-kiem/?q=gom"));
        Assert.False(head.Headers.Contains(SearchLogMiddleware.TotalHeader));
        await SearchAsync(_reader, "bánh tráng"); // once only
        Assert.Equal(2, (await LoggedAsync()).Count);

        // The next day is a row of its own; the first stays, what was typed only once that day goes.
        await _factory.AdvanceClockAsync(TimeSpan.FromDays(1));
        await SearchAsync(_reader, "gom");
        rows = await LoggedAsync();
        Assert.Equal([("gom", 4), ("gom", 1)], rows.OrderBy(r => r.Day).Select(r => (r.Query, r.Searches)));
    }

    [Fact]
    public async Task Words_that_find_nothing_are_reported_to_editors_and_counted_on_the_dashboard()
    {
        for (var i = 0; i < 3; i++) await SearchAsync(_reader, "Zxqv Wplnk");
        for (var i = 0; i < 2; i++) await SearchAsync(_reader, "nước mắm");
        // Typed once: not shown (it may be someone's name), and dropped when the day is over.
        await SearchAsync(_reader, "Nguyễn Thị Hoa");
        await LoggedAsync();

        var (_, _, report) = await Html.GetAsync(_editor, "/quan-tri/tim-kiem");
        var none = report.QuerySelector("#khong-ket-qua")!.ParentElement!;
        var row = Assert.Single(none.QuerySelectorAll("tbody tr"));
        Assert.Equal("zxqv wplnk", row.QuerySelector("td")!.TextContent);
        Assert.Equal("3", row.QuerySelectorAll("td")[1].TextContent);
        // From the report straight to the forms, filled in.
        var pinLink = row.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("Ghim", StringComparison.Ordinal)).GetAttribute("href")!;
        var (_, _, prefilled) = await Html.GetAsync(_editor, pinLink);
        Assert.Equal("zxqv wplnk", prefilled.QuerySelector("#pin-query")!.GetAttribute("value"));
        var top = report.QuerySelector("#tim-nhieu")!.ParentElement!.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent).ToList();
        Assert.Equal(["zxqv wplnk", "nước mắm"], top);

        var (_, _, dashboard) = await Html.GetAsync(_editor, "/quan-tri");
        var line = dashboard.QuerySelectorAll("a").Single(a => a.TextContent.Contains("không có kết quả", StringComparison.Ordinal));
        Assert.StartsWith("1 ", line.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("/quan-tri/tim-kiem", line.GetAttribute("href"), StringComparison.Ordinal);

        // Contributors do not manage search.
        var author = await StaffClient.SignedInAsync(_factory, "cong-tac-vien@example.vn", PortalRoles.Author);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/quan-tri/tim-kiem")).StatusCode);
        var post = await author.PostAsync("/quan-tri/tim-kiem?handler=Synonyms", new FormUrlEncodedContent(new Dictionary<string, string> { ["terms"] = "a = b" }));
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{post.StatusCode}");
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.SearchSynonyms.CountAsync()));
    }

    [Fact]
    public async Task A_synonym_added_by_an_editor_changes_the_next_search_and_removing_it_changes_it_back()
    {
        // "sáp nhập" is how many readers say it; the portal's news says "hợp nhất". Before: other items come first.
        Assert.NotEqual(Merger, Results(await SearchAsync(_reader, "sáp nhập")).FirstOrDefault());

        var saved = await PostAsync(new() { ["terms"] = "sáp nhập = hợp nhất" }, "Synonyms");
        Assert.Contains("Đã thêm từ đồng nghĩa", saved.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("sáp nhập = hợp nhất", saved.QuerySelector(".synonyms")!.TextContent, StringComparison.Ordinal);

        // The same address was answered (and cached) before: the write dropped it, so the next search uses the synonym.
        var after = await SearchAsync(_reader, "sáp nhập");
        Assert.Equal(Merger, Results(after, 1).Single());
        Assert.Contains(after.QuerySelectorAll("ol.results mark"), m => m.TextContent.Equals("hợp nhất", StringComparison.OrdinalIgnoreCase) || m.TextContent.Equals("Hợp", StringComparison.Ordinal) || m.TextContent.Equals("hợp", StringComparison.Ordinal));
        // Without diacritics, and the other way round ("hợp nhất" also finds "sáp nhập") is the same group.
        Assert.Equal(Merger, Results(await SearchAsync(_reader, "sap nhap"), 1).Single());

        // The same group again, in another order, is refused with a message; so is a single word.
        var again = await PostAsync(new() { ["terms"] = "Hợp nhất, SÁP NHẬP" }, "Synonyms");
        Assert.Equal("Nhóm từ này đã có.", again.QuerySelector("[role=alert]")!.TextContent);
        var single = await PostAsync(new() { ["terms"] = "gốm" }, "Synonyms");
        Assert.Contains("ít nhất hai từ", single.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("gốm", single.QuerySelector("#terms")!.GetAttribute("value"));

        int id = 0;
        await _factory.WithDbAsync(async db =>
        {
            id = (await db.SearchSynonyms.SingleAsync()).Id;
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.SearchTerms && a.Summary.Contains("sáp nhập = hợp nhất")));
            Assert.Equal(1, await db.ChangeRecords.CountAsync(c => c.Change == ChangeKinds.SearchTerms));
        });
        await PostAsync(new() { ["id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "DeleteSynonyms");
        Assert.NotEqual(Merger, Results(await SearchAsync(_reader, "sáp nhập")).FirstOrDefault());
    }

    [Fact]
    public async Task A_pinned_result_comes_first_for_its_words_and_goes_when_its_item_comes_down()
    {
        var before = await SearchAsync(_reader, "quà lưu niệm Phan Thiết");
        Assert.Null(before.QuerySelector(".pinned-results"));

        // Pasted from the browser with the site's address; refused cases first, each with its message and no 500.
        var missing = await PostAsync(new() { ["query"] = "quà lưu niệm Phan Thiết", ["address"] = "/lang-nghe/khong-co-lang-nay" }, "Pin");
        Assert.Contains("Không thấy trang nào", missing.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/lang-nghe/khong-co-lang-nay", missing.QuerySelector("#pin-address")!.GetAttribute("value"));
        var junk = await PostAsync(new() { ["query"] = "quà", ["address"] = "javascript:alert(1)" }, "Pin");
        Assert.NotNull(junk.QuerySelector("[role=alert]"));
        var pinned = await PostAsync(new() { ["query"] = "Quà lưu niệm Phan Thiết", ["address"] = "http://localhost" + Village + "?tu=tim-kiem#gioi-thieu" }, "Pin");
        Assert.NotNull(pinned.QuerySelector("[role=status]"));
        var twice = await PostAsync(new() { ["query"] = "qua luu niem phan thiet", ["address"] = Village }, "Pin");
        Assert.Contains("đã được ghim", twice.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // Typed without diacritics, the reader sees it first, apart from the ranked results.
        var page = await SearchAsync(_reader, "qua luu niem phan thiet");
        var box = page.QuerySelector(".pinned-results")!;
        Assert.Equal("Kết quả được đề xuất", box.QuerySelector("h3")!.TextContent);
        Assert.Equal(Village, box.QuerySelector("h4 a")!.GetAttribute("href"));
        // Not again among the ranked results below it.
        Assert.DoesNotContain(Village, Results(page, 10));
        // Only on the first page, for exactly these words.
        Assert.Null((await Html.GetAsync(_reader, "/tim-kiem?q=qua+luu+niem")).Document.QuerySelector(".pinned-results"));

        // The village comes down: the pin shows nothing, and a draft cannot be pinned.
        int villageId = 0;
        await _factory.WithDbAsync(async db => villageId = (await db.ContentItems.SingleAsync(x => x.Slug == "gom-binh-duc")).Id);
        Assert.IsType<PublicPortal.Web.Features.Content.SaveOutcome.Saved>(await _factory.EditAsync(villageId, i => { i.Status = ContentStatus.Draft; return i; }));
        Assert.Null((await SearchAsync(_reader, "qua luu niem phan thiet")).QuerySelector(".pinned-results"));
        var draft = await PostAsync(new() { ["query"] = "gốm", ["address"] = Village }, "Pin");
        Assert.Contains("chưa đăng", draft.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_query_cut_inside_an_emoji_is_answered_not_an_error()
    {
        // The query is cut at 200 characters, here between the two halves of the emoji: never half a character.
        var page = await SearchAsync(_reader, "gốm " + new string('a', 195) + "😀 thêm");
        Assert.DoesNotContain(page.QuerySelector("#q")!.GetAttribute("value")!, char.IsSurrogate);
        // Pasted text that long is not a query to learn from: not kept.
        Assert.Empty(await LoggedAsync());
    }
}
