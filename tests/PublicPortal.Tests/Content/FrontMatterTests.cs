using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Content;

public sealed class FrontMatterTests
{
    private const string Valid = """
        ---
        title: "Làng gốm Bình Đức đón bằng UNESCO"
        summary: Tóm tắt
        published: 2024-11-15T08:30:00+07:00
        views: 520
        sources:
          - title: Báo Bình Thuận
            url: https://baobinhthuan.com.vn/print/104674.html
        ---

        Nội dung **Markdown**.
        """;

    [Fact]
    public void Parses_front_matter_and_body()
    {
        var item = FrontMatter.Parse(Valid, ContentKind.News, "le-don-bang");
        Assert.Equal("Làng gốm Bình Đức đón bằng UNESCO", item.Title);
        Assert.Equal("le-don-bang", item.Slug);
        Assert.Equal(ContentStatus.Published, item.Status);
        Assert.Equal(new DateTime(2024, 11, 15, 1, 30, 0, DateTimeKind.Utc), item.PublishedAtUtc);
        Assert.Equal(520, item.FileViews);
        Assert.Equal("Nội dung **Markdown**.", item.Body);
        var source = Assert.Single(item.Sources);
        Assert.Equal("Báo Bình Thuận", source.Title);
    }

    [Fact]
    public void A_date_without_time_is_midnight_in_Vietnam()
    {
        var item = FrontMatter.Parse("---\ntitle: T\npublished: 2024-06-05\n---\n", ContentKind.News, "t");
        Assert.Equal(new DateTime(2024, 6, 4, 17, 0, 0, DateTimeKind.Utc), item.PublishedAtUtc);
    }

    [Fact]
    public void Written_file_parses_back_to_the_same_item()
    {
        var original = FrontMatter.Parse("""
            ---
            title: Kế hoạch 3073
            published: 2022-09-16T08:00:00+07:00
            status: draft
            document_type: Kế hoạch
            number: 3073/KH-UBND
            issuer: UBND tỉnh Bình Thuận
            issued: 2022-09-16
            effective: 2022-09-17
            attachment: media/documents/a.txt
            period: 2021–2030
            parent: 801-qd-ttg
            targets:
              - number: 1
                text: "Mục tiêu: một"
                indicator: Chỉ tiêu
                value: 50%
                deadline: 2030
            tasks:
              - number: 1
                text: Nhiệm vụ
                agency: Sở Công Thương
                status: Đang thực hiện
            ---
            Dòng một

            Dòng hai
            """, ContentKind.Document, "ke-hoach-3073");

        var again = FrontMatter.Parse(FrontMatter.Write(original), ContentKind.Document, "ke-hoach-3073");

        Assert.Equal(FrontMatter.Write(original), FrontMatter.Write(again));
        Assert.Equal(original.Body, again.Body);
        Assert.Equal(ContentStatus.Draft, again.Status);
        Assert.Equal(new DateOnly(2022, 9, 17), again.EffectiveOn);
        Assert.Equal("Mục tiêu: một", Assert.Single(again.Targets).Text);
        Assert.Equal("Sở Công Thương", Assert.Single(again.Tasks).Agency);
    }

    [Theory]
    [InlineData("title: T\npublished: 2024-01-01\n", "must start with a '---' line")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\n", "not closed")]
    [InlineData("---\nsummary: S\npublished: 2024-01-01\n---\n", "'title' is required")]
    [InlineData("---\ntitle: T\n---\n", "'published' is required")]
    [InlineData("---\ntitle: T\npublished: 05/06/2024\n---\n", "'published' must be a date")]
    [InlineData("---\ntitle: [unclosed\npublished: 2024-01-01\n---\n", "invalid YAML")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\ntitel: typo\n---\n", "invalid YAML")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\nstatus: live\n---\n", "status 'live'")]
    [InlineData("---\ntitle: T\nslug: Không Hợp Lệ\npublished: 2024-01-01\n---\n", "slug 'Không Hợp Lệ' is not valid")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\ncover: media/a.jpg\n---\n", "'cover_alt' is required")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\nattachment: media/../../etc/passwd\n---\n", "must be a path under media/")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\nattachment: /etc/passwd\n---\n", "must be a path under media/")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\nsources:\n  - title: X\n    url: javascript:alert(1)\n---\n", "must be an http(s) address")]
    [InlineData("---\ntitle: T\npublished: 2024-01-01\nviews: -3\n---\n", "views cannot be negative")]
    public void Malformed_files_are_refused_with_the_reason(string text, string reason)
    {
        var ex = Assert.Throws<ContentFormatException>(() => FrontMatter.Parse(text, ContentKind.News, "t"));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legal_document_needs_its_number_issuer_and_date()
    {
        var ex = Assert.Throws<ContentFormatException>(() =>
            FrontMatter.Parse("---\ntitle: T\npublished: 2024-01-01\ndocument_type: Quyết định\n---\n", ContentKind.Document, "t"));
        Assert.Contains("'number' is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decomposed_text_is_stored_composed()
    {
        var nfd = "---\ntitle: Thổ cẩm\npublished: 2024-01-01\n---\nDệt thổ cẩm\n".Normalize(System.Text.NormalizationForm.FormD);
        var item = FrontMatter.Parse(nfd, ContentKind.News, "t");
        Assert.Equal("Thổ cẩm", item.Title);
        Assert.True(item.Body.IsNormalized(System.Text.NormalizationForm.FormC));
    }
}
