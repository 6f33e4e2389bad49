using System.Diagnostics;
using System.Text.Json;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Pages;

/// <summary>Every page type passes the Nu Html Checker (vnu.jar from tests/node_modules, run with Java) without errors.</summary>
public sealed class HtmlValidityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] Urls =
    [
        "/", "/tin-tuc", "/tin-tuc?page=2", "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc", "/thong-bao",
        "/thong-bao/ghi-dia-danh-sau-sap-xep-don-vi-hanh-chinh", "/chuong-trinh", "/chuong-trinh/ke-hoach-3073", "/chuong-trinh/ke-hoach-3073/tien-do",
        "/van-ban", "/van-ban?q=khongco", "/van-ban/3073-kh-ubnd", "/gioi-thieu", "/lien-he", "/tuan-thu", "/tiep-can", "/so-do-trang", "/en", "/en/villages", "/en/about", "/en/contact", "/en/compliance", "/en/accessibility", "/en/villages/gom-binh-duc", "/en/programme/ke-hoach-3073", "/en/routes/mot-ngay-di-san-cham", "/en/search", "/en/search?q=binh+duc+pottery", "/en/search?q=qwzxv", "/en/open-data", "/en/villages/gom-bau-truc", "/en/news", "/en/products", "/en/documents", "/en/news/le-don-bang-unesco-tai-lang-gom-binh-duc", "/en/site-map", "/en/feedback?trang=%2Fen%2Fvillages", "/en/feedback?trang=%2Fen&da-gui=khong", "/gop-y-trang?trang=%2Flang-nghe", "/gop-y-trang?trang=%2Flang-nghe&da-gui=khong", "/gop-y-trang?trang=%2F&da-gui=co", "/gop-y-trang", "/khong-co-trang-nay", "/tin-tuc?page=abc",
        "/lang-nghe", "/lang-nghe?huyen=huyen-bac-binh&ocop=1", "/lang-nghe?huyen=khong-co", "/lang-nghe/gom-binh-duc", "/lang-nghe/nuoc-mam-phan-thiet",
        "/san-pham", "/san-pham?sao=4", "/san-pham/rong-nho-tuoi-hai-nam-okinawa", "/san-pham/gom-cham-son-hoa/hoi-mua", "/san-pham/gom-cham-son-hoa/hoi-mua?da-gui=1", "/san-pham/nuoc-ep-thanh-long-bao-long/hoi-mua",
        "/diem-den", "/diem-den/thap-po-sah-inu", "/tuyen-du-lich", "/tuyen-du-lich/hanh-trinh-xanh-2023", "/tuyen-du-lich/mot-ngay-di-san-cham", "/du-lieu-mo", "/so-lieu-truy-cap", "/tim-kiem", "/tim-kiem?q=gom", "/tim-kiem?q=thanh+lonh", "/tim-kiem?q=thanh+lonh&chinh-xac=1", "/lang-nghe/gom-bau-truc", "/tim-kiem?q=khongcogi", "/tim-kiem?q=gom&loai=lang-nghe",
        "/su-kien", "/khong-co-mang", "/su-kien/khao-sat-du-lich-lang-nghe-va-am-thuc-2024", "/su-kien/ocop-duc-linh-dot-1-2023", "/diem-den/lang-chai-mui-ne",
    ];

    private static readonly string[] AdminUrls =
    [
        "/dang-nhap", "/quan-tri", "/quan-tri/noi-dung", "/quan-tri/noi-dung?loai=villages", "/quan-tri/noi-dung/sua?loai=news",
        "/quan-tri/noi-dung/sua/1", "/quan-tri/noi-dung/lich-su/1?tu=1&den=1", "/quan-tri/noi-dung/xoa/1", "/quan-tri/nhat-ky",
        "/quan-tri/nguoi-dung", "/quan-tri/hoi-mua", "/quan-tri/hoi-mua?ma=HM-2026-000001", "/quan-tri/gop-y", "/quan-tri/mat-khau", "/quan-tri/xac-thuc-hai-lop", "/quan-tri/thong-ke", "/quan-tri/thu-vien-anh",
        "/quan-tri/duyet", "/quan-tri/hop-thu", "/quan-tri/noi-dung/sua?loai=villages", "/quan-tri/noi-dung/sua?loai=products", "/quan-tri/noi-dung/sua?loai=plans", "/quan-tri/noi-dung/sua?loai=events",
        "/quan-tri/noi-dung/sua?loai=documents", "/quan-tri/noi-dung/sua?loai=sights", "/quan-tri/noi-dung/sua/1?nang-cao=true", "/quan-tri/noi-dung?trang-thai=cho-duyet",
    ];

    [Fact]
    public Task Every_page_type_has_no_Nu_checker_errors() => CheckAsync(factory.CreateReader(), Urls);

    [Fact]
    public async Task Every_admin_page_has_no_Nu_checker_errors()
    {
        var route = 0;
        await factory.WithDbAsync(async db => route = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.ContentItems.Where(x => x.Kind == PublicPortal.Web.Data.ContentKind.Route).Select(x => x.Id)));
        var plan = 0;
        await factory.WithDbAsync(async db => plan = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.ContentItems.Where(x => x.Kind == PublicPortal.Web.Data.ContentKind.Plan).Select(x => x.Id)));
        var client = await Admin.StaffClient.SignedInAsync(factory, "vnu@example.vn", PublicPortal.Web.Data.PortalRoles.Admin);
        // A second revision of item 1, so the history shows a real comparison (fields and words) and a restore to confirm.
        var fields = await Admin.StaffClient.EditFormAsync(client, "/quan-tri/noi-dung/sua/1");
        (fields["Summary"], fields["Body"]) = ("Tóm tắt đã sửa để so sánh.", fields["Body"] + "\n\nMột đoạn thêm để so sánh.");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.PostAsync("/quan-tri/noi-dung/sua/1", new FormUrlEncodedContent(fields))).StatusCode);
        // An author's submission, so the review queue, the system mailbox and the dashboard have something to show.
        var author = await Admin.StaffClient.SignedInAsync(factory, "vnu-tac-gia@example.vn", PublicPortal.Web.Data.PortalRoles.Author);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await Admin.StaffClient.PostFormAsync(author, "/quan-tri/noi-dung/sua", new()
        {
            ["loai"] = "news", ["Title"] = "Tin chờ duyệt để kiểm tra HTML", ["Slug"] = "", ["Summary"] = "", ["PublishedAt"] = "2026-11-28T09:00",
            ["Body"] = "#### Tiêu đề nhảy cấp\n\n[tại đây](/lien-he)", ["Version"] = "0", ["submit"] = "1",
        }, "/quan-tri/noi-dung/sua?loai=news")).StatusCode);
        var preview = Html.Parse(await (await Admin.StaffClient.PostFormAsync(client, "/quan-tri/noi-dung/xem/1?handler=Create", new() { ["days"] = "7" }, "/quan-tri/noi-dung/xem/1")).Content.ReadAsStringAsync());
        var previewLink = new Uri(preview.QuerySelector("a.preview-link")!.GetAttribute("href")!).PathAndQuery;
        // Readers' searches, a synonym and a pinned result, so the search report and a pinned answer have something to show.
        var reader = Search.SearchInsightTests.Reader(factory);
        foreach (var query in new[] { "zxqv wplnk", "gốm", "gốm" }) await reader.GetAsync("/tim-kiem?q=" + Uri.EscapeDataString(query));
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PublicPortal.Web.Features.Search.SearchLog>(factory.Services).FlushAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await Admin.StaffClient.PostFormAsync(client, "/quan-tri/tim-kiem?handler=Synonyms", new() { ["terms"] = "sáp nhập = hợp nhất" }, "/quan-tri/tim-kiem")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await Admin.StaffClient.PostFormAsync(client, "/quan-tri/tim-kiem?handler=Pin", new() { ["query"] = "quà lưu niệm", ["address"] = "/lang-nghe/gom-binh-duc" }, "/quan-tri/tim-kiem")).StatusCode);
        // A broken link to another site, as the link checker records it (the checker itself never runs in tests against the internet).
        await factory.WithDbAsync(async db =>
        {
            var link = new PublicPortal.Web.Data.ExternalLink
            {
                Url = "https://example.invalid/trang-cu?a=1&b=2", Host = "example.invalid", State = PublicPortal.Web.Data.LinkState.Broken, StatusCode = 404,
                Problem = "Trang không còn (404)", CheckedAtUtc = factory.Clock.GetUtcNow().UtcDateTime, NextCheckAtUtc = factory.Clock.GetUtcNow().UtcDateTime.AddDays(7),
            };
            db.ExternalLinks.Add(link);
            await db.SaveChangesAsync();
            db.ExternalLinkUses.Add(new PublicPortal.Web.Data.ExternalLinkUse { ExternalLinkId = link.Id, ContentItemId = 1, Text = "Trang cũ & đã xóa" });
            await db.SaveChangesAsync();
        });
        var submitted = 0;
        await factory.WithDbAsync(async db => submitted = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.ContentItems.Where(x => x.Title == "Tin chờ duyệt để kiểm tra HTML").Select(x => x.Id)));
        await CheckAsync(client, [.. AdminUrls, $"/quan-tri/noi-dung/sua/{plan}", $"/quan-tri/noi-dung/sua/{submitted}?da-luu=1", previewLink,
            "/xem-truoc/" + new string('A', 43),
            $"/quan-tri/noi-dung/sua/{route}", "/quan-tri/noi-dung/xem/1", $"/quan-tri/chuong-trinh/so-lieu/{plan}",
            "/quan-tri/noi-dung/lich-su/1", "/quan-tri/noi-dung/lich-su/1?khoi-phuc=1", "/quan-tri/noi-dung/sua/1?da-luu=1",
            "/quan-tri/tim-kiem", "/quan-tri/tim-kiem?ngay=7&da=ghim", "/quan-tri/tim-kiem?tu=zxqv", "/tim-kiem?q=qua+luu+niem",
            "/quan-tri/lien-ket", "/quan-tri/lien-ket?da=kiem-tra-lai"]);
    }

    internal static async Task CheckAsync(HttpClient client, string[] urls)
    {
        var jar = Path.Combine(RepositoryPaths.Tests, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        Assert.True(File.Exists(jar), $"{jar} is missing: run tests/run.sh, which installs it with npm");

        var folder = RepositoryPaths.NewTempDirectory("portal-vnu");
        try
        {
            var names = new Dictionary<string, string>();
            for (var i = 0; i < urls.Length; i++)
            {
                var file = Path.Combine(folder, $"page{i:00}.html");
                var response = await client.GetAsync(urls[i]);
                Assert.True(response.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest, $"{urls[i]}: {response.StatusCode}");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
                names[Path.GetFileName(file)] = urls[i];
            }

            var start = new ProcessStartInfo("java", ["-Xss4m", "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", folder])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            // vnu writes its JSON report to stderr.
            var report = JsonDocument.Parse(await stderr);
            var errors = report.RootElement.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("type").GetString() == "error")
                .Select(m => $"{names.GetValueOrDefault(Path.GetFileName(m.GetProperty("url").GetString() ?? ""), "?")}: {m.GetProperty("message").GetString()} " +
                             $"«{(m.TryGetProperty("extract", out var extract) ? extract.GetString() : "")}»")
                .ToList();
            Assert.True(errors.Count == 0, string.Join('\n', errors) + await stdout);
        }
        finally
        {
            RepositoryPaths.DeleteQuietly(folder);
        }
    }
}
