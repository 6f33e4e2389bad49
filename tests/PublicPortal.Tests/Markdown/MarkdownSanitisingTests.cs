using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Tests.Markdown;

public sealed class MarkdownSanitisingTests
{
    private static readonly MarkdownRenderer Renderer = new(new MemoryCache(new MemoryCacheOptions()));

    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[bấm vào đây](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](java&#09;script:alert(1))",
        "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "![ảnh](javascript:alert(1))",
        "![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x](javascript:alert(1)){onclick=alert(1)}",
        "# Tiêu đề {onmouseover=alert(1)}",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Hostile_markdown_renders_without_script_handlers_or_dangerous_urls(string markdown)
    {
        var html = Renderer.ToSafeHtml(markdown);
        var document = Html.Parse(html);

        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, svg, style"));
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "data")
                {
                    var value = Uri.UnescapeDataString(attribute.Value).Trim().ToLowerInvariant().Replace("\t", "").Replace("\n", "");
                    Assert.False(value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("data:", StringComparison.Ordinal) || value.StartsWith("vbscript:", StringComparison.Ordinal), $"{attribute.Name}=\"{attribute.Value}\" in {html}");
                }
            }
        }
    }

    [Fact]
    public void Ordinary_markdown_keeps_its_structure_and_Vietnamese_letters()
    {
        var html = Renderer.ToSafeHtml("## Mục tiêu\n\n- **Khôi phục** nghề\n- [Nguồn](https://baobinhthuan.com.vn/print/104674.html)\n\n| A | B |\n|---|---|\n| 1 | 2 |");
        var document = Html.Parse(html);
        Assert.Equal("Mục tiêu", document.QuerySelector("h2")!.TextContent);
        Assert.Equal("https://baobinhthuan.com.vn/print/104674.html", document.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("table td"));
        Assert.Contains("Khôi phục", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_drops_the_markup() =>
        Assert.Equal("Khôi phục nghề", Renderer.ToPlainText("**Khôi phục** [nghề](https://example.com)"));
}
