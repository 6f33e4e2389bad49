using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// A careless or hostile editor's saves: parsers never see unbounded nesting, a save that cannot be rendered stores
/// nothing, and the site stays up and can start again on its data.
/// </summary>
public sealed class HostileEditorTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { KeepDataOnDispose = true };
    private HttpClient _editor = null!;

    // The YAML view is the admins' (editors get form fields), so the hostile YAML comes from an admin's session.
    public async Task InitializeAsync() => _editor = await StaffClient.SignedInAsync(_factory, "quan-tri@example.vn", PortalRoles.Admin);

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        RepositoryPaths.DeleteQuietly(_factory.DataDirectory);
    }

    private static Dictionary<string, string> Fields(string kind, string title, string body = "Nội dung.", string extra = "", string slug = "") => new()
    {
        ["loai"] = kind,
        ["Title"] = title,
        ["Slug"] = slug,
        ["Summary"] = "",
        ["Published"] = "true",
        ["PublishedAt"] = "2026-11-28T09:00",
        ["Body"] = body,
        ["Extra"] = extra,
        ["nang-cao"] = "true",
        ["Version"] = "0",
    };

    private async Task<(HttpStatusCode Status, string Errors)> SaveAsync(Dictionary<string, string> fields, string url = "/quan-tri/noi-dung/sua")
    {
        var response = await StaffClient.PostFormAsync(_editor, url, fields, "/quan-tri/noi-dung/sua?loai=" + fields["loai"]);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var errors = string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors li").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        return (response.StatusCode, errors);
    }

    private async Task<int> CountAsync()
    {
        var count = 0;
        await _factory.WithDbAsync(async db => count = await db.ContentItems.CountAsync());
        return count;
    }

    private async Task AssertAliveAsync()
    {
        var health = await _factory.CreateReader().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public static TheoryData<string, string> HostileYaml => new()
    {
        { "routes", "x: " + new string('[', 50_000) + new string(']', 50_000) },
        { "routes", "x: " + string.Concat(Enumerable.Repeat("{a: ", 20_000)) + "1" + new string('}', 20_000) },
        { "news", "x: " + new string('[', 50_000) + new string(']', 50_000) },
        { "documents", "document_type: Quyết định\nx: " + new string('[', 2_000) + new string(']', 2_000) },
        { "news", string.Join("\n", Enumerable.Range(0, 200).Select(i => new string(' ', i) + "k" + i + ":")) },
        { "news", "sources:\n  - &a {title: a, url: 'https://a.vn'}\n  - *a\n" },
        { "news", new string('x', 70_000) + ": 1" },
    };

    [Theory]
    [MemberData(nameof(HostileYaml))]
    public async Task Deep_or_huge_yaml_is_refused_with_a_message_and_the_server_stays_up(string kind, string extra)
    {
        var before = await CountAsync();
        var (status, errors) = await SaveAsync(Fields(kind, "Mục thử YAML độc hại", extra: extra));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("YAML", errors);
        Assert.Equal(before, await CountAsync());
        await AssertAliveAsync();
    }

    public static TheoryData<string, string> HostileBodies => new()
    {
        { "100 000 >", new string('>', 100_000) },
        { "100 000 [ then ]", new string('[', 100_000) + new string(']', 100_000) },
        { "200 000 *a", string.Concat(Enumerable.Repeat("*a", 200_000)) },
        { "1 000-level list", string.Join("\n", Enumerable.Range(0, 1_000).Select(i => new string(' ', i) + "- a")) },
        { "- - - on one line", string.Concat(Enumerable.Repeat("- ", 3_000)) + "a" },
        { "25 000 emphases in one paragraph", string.Concat(Enumerable.Repeat("*a* ", 25_000)) },
        { "40 levels of >", new string('>', 40) + " a" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task A_body_that_cannot_be_rendered_is_refused_and_nothing_is_stored(string what, string body)
    {
        var before = await CountAsync();
        var (status, errors) = await SaveAsync(Fields("news", "Bài thử " + what, body));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nội dung", errors);
        Assert.Equal(before, await CountAsync());
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A_form_beyond_the_request_limits_gets_a_Vietnamese_error_page_not_a_500()
    {
        var huge = string.Join("\n", Enumerable.Range(0, 3_000).Select(i => new string(' ', i * 2) + "- a")); // 9 MB
        var response = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua", Fields("news", "Bài quá lớn", huge), "/quan-tri/noi-dung/sua?loai=news");
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("lang=\"vi\"", await response.Content.ReadAsStringAsync());
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A_hostile_body_stored_before_the_limits_shows_a_notice_and_the_site_starts_again_on_it()
    {
        // As if written before the limits existed (or straight into the database): the site must still serve and start.
        var bodies = new[]
        {
            new string('>', 100_000),
            string.Concat(Enumerable.Repeat("*a", 200_000)),
            string.Join("\n", Enumerable.Range(0, 3_000).Select(i => new string(' ', i * 2) + "- a")),
        };
        await _factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < bodies.Length; i++)
                db.ContentItems.Add(new ContentItem { Kind = ContentKind.News, Slug = $"bai-hong-{i}", Title = $"Bài hỏng {i}", Body = bodies[i], Status = ContentStatus.Published, PublishedAtUtc = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        });
        var reader = _factory.CreateReader();
        for (var i = 0; i < bodies.Length; i++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var (response, _, page) = await Html.GetAsync(reader, $"/tin-tuc/bai-hong-{i}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("không hiển thị được", page.QuerySelector("main")!.TextContent);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"bai-hong-{i} took {started.Elapsed}");
        }

        // A restart on this data rebuilds the index (it differs from the database) without throwing.
        _factory.KeepDataOnDispose = true;
        await _factory.DisposeAsync();
        await using var restarted = new PortalFactory { ExistingDataDirectory = _factory.DataDirectory, KeepDataOnDispose = true };
        var again = restarted.CreateReader();
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/tin-tuc/bai-hong-0")).StatusCode);
        var (_, _, results) = await Html.GetAsync(again, "/tim-kiem?q=" + Uri.EscapeDataString("bài hỏng"));
        Assert.NotEmpty(results.QuerySelectorAll("ol.results h3 a"));
    }

    [Fact]
    public async Task Preview_of_a_hostile_body_gives_the_message_not_a_500()
    {
        var fields = Fields("news", "Xem trước bài hỏng", new string('>', 100_000));
        fields["preview"] = "1";
        var (status, errors) = await SaveAsync(fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("lồng quá sâu", errors);

        var render = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua?handler=Render",
            new() { ["Body"] = string.Concat(Enumerable.Repeat("*a", 200_000)) }, "/quan-tri/noi-dung/sua?loai=news");
        Assert.Equal(HttpStatusCode.OK, render.StatusCode);
        Assert.Contains("chưa đăng được", await render.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("title: Tiêu đề khác", "title")]
    [InlineData("status: published", "status")]
    [InlineData("slug: duong-dan-khac", "slug")]
    [InlineData("views: 100000", "views")]
    public async Task Keys_the_form_owns_are_refused_in_the_yaml(string extra, string key)
    {
        var fields = Fields("news", "Bản nháp có khóa trùng", extra: extra);
        fields["Published"] = "false";
        var (status, errors) = await SaveAsync(fields);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"“{key}”", errors);
        await _factory.WithDbAsync(async db => Assert.False(await db.ContentItems.AnyAsync(x => x.Title == "Tiêu đề khác" || x.Title == "Bản nháp có khóa trùng")));
    }

    [Theory]
    [InlineData("dang-nhap")]
    [InlineData("quan-tri")]
    [InlineData("healthz")]
    [InlineData("tim-kiem")]
    [InlineData("dang-xuat")]
    [InlineData("so-lieu-truy-cap")]
    [InlineData("du-lieu-mo")]
    [InlineData("tin-tuc")]
    [InlineData("css")]
    [InlineData("anh")]
    public async Task A_page_cannot_take_an_address_the_site_uses(string slug)
    {
        var (status, errors) = await SaveAsync(Fields("pages", "Trang chiếm địa chỉ", slug: slug));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("là địa chỉ của một trang của cổng", errors);

        // Created under another address, then renamed: refused too, and the original address keeps answering.
        var created = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua", Fields("pages", "Trang đổi tên " + slug, slug: "trang-doi-ten-" + slug), "/quan-tri/noi-dung/sua?loai=pages");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString.Split('?')[0];
        var form = await StaffClient.EditFormAsync(_editor, editUrl);
        form["Slug"] = slug;
        var renamed = await StaffClient.PostFormAsync(_editor, editUrl, form);
        Assert.True(renamed.StatusCode == HttpStatusCode.OK, $"{renamed.StatusCode} {renamed.Headers.Location} {string.Join(",", form.Select(kv => kv.Key + "=" + kv.Value))}");
        var original = await _factory.CreateReader().GetAsync("/trang-doi-ten-" + slug);
        Assert.True(original.StatusCode == HttpStatusCode.OK, $"{original.StatusCode} {original.Headers.Location}");
    }

    [Fact]
    public async Task A_redirect_stored_for_a_site_address_never_hijacks_it()
    {
        // A redirect row from before the check (or from a renamed page): the sign-in page still answers itself.
        await _factory.WithDbAsync(async db =>
        {
            var page = await db.ContentItems.FirstAsync(x => x.Kind == ContentKind.Page);
            db.SlugRedirects.Add(new SlugRedirect { Kind = ContentKind.Page, OldSlug = "dang-nhap", ContentItemId = page.Id });
            db.SlugRedirects.Add(new SlugRedirect { Kind = ContentKind.Page, OldSlug = "trang-cu", ContentItemId = page.Id });
            await db.SaveChangesAsync();
        });
        var reader = _factory.CreateReader();
        var signIn = await reader.GetAsync("/dang-nhap");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.NotNull(Html.Parse(await signIn.Content.ReadAsStringAsync()).QuerySelector("input[name=Password]"));
        // An ordinary old address still redirects.
        Assert.Equal(HttpStatusCode.MovedPermanently, (await reader.GetAsync("/trang-cu")).StatusCode);
    }

    [Fact]
    public async Task Bidirectional_controls_are_removed_from_titles()
    {
        var response = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua", Fields("news", "Ảnh\u202Egpj.exe\u2066 đẹp"), "/quan-tri/noi-dung/sua?loai=news");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _factory.WithDbAsync(async db => Assert.True(await db.ContentItems.AnyAsync(x => x.Title == "Ảnhgpj.exe đẹp")));
    }

    [Fact]
    public async Task Too_long_fields_and_lists_are_refused_with_a_message()
    {
        var (status, errors) = await SaveAsync(Fields("news", new string('a', 400)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Tiêu đề dài 400 ký tự", errors);

        var sources = "sources:\n" + string.Concat(Enumerable.Range(0, 80).Select(i => $"  - title: Nguồn {i}\n    url: https://example.vn/{i}\n"));
        (status, errors) = await SaveAsync(Fields("news", "Bài nhiều nguồn", extra: sources));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("80 nguồn", errors);
    }
}
