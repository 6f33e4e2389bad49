using System.Text;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Content;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Làng gốm Bình Đức", "lang-gom-binh-duc")]
    [InlineData("Đường đến làng nghề đan lát Đông Hà", "duong-den-lang-nghe-dan-lat-dong-ha")]
    [InlineData("Kế hoạch 3073/KH-UBND: chín mục tiêu!", "ke-hoach-3073-kh-ubnd-chin-muc-tieu")]
    [InlineData("  --Nước mắm   Phan Thiết--  ", "nuoc-mam-phan-thiet")]
    [InlineData("Bánh tráng Phú Long – bánh hỏi", "banh-trang-phu-long-banh-hoi")]
    [InlineData("Ư Ơ Ă Â Ê Ô ư ơ ă â ê ô", "u-o-a-a-e-o-u-o-a-a-e-o")]
    [InlineData("", "")]
    [InlineData("!!!", "")]
    public void Slugify_folds_Vietnamese_titles_to_ascii_slugs(string title, string expected) =>
        Assert.Equal(expected, VietnameseText.Slugify(title));

    [Fact]
    public void Slugify_gives_the_same_slug_for_decomposed_input()
    {
        var composed = "Thổ cẩm Phan Hòa";
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);
        Assert.Equal(VietnameseText.Slugify(composed), VietnameseText.Slugify(decomposed));
        Assert.Equal("tho-cam-phan-hoa", VietnameseText.Slugify(decomposed));
    }

    [Fact]
    public void Slugify_cuts_long_titles_at_a_word_boundary()
    {
        var title = string.Join(' ', Enumerable.Repeat("Làng nghề truyền thống", 20));
        var slug = VietnameseText.Slugify(title);
        Assert.True(slug.Length <= VietnameseText.MaxSlugLength);
        Assert.False(slug.EndsWith('-'));
        Assert.True(VietnameseText.IsValidSlug(slug));
        Assert.Contains(slug.Split('-')[^1], new[] { "lang", "nghe", "truyen", "thong" });
    }

    [Theory]
    [InlineData("Đường", "duong")]
    [InlineData("DƯƠNG", "duong")]
    [InlineData("Quyết định 801/QĐ-TTg", "quyet dinh 801/qd-ttg")]
    public void Fold_removes_marks_and_case(string text, string expected) =>
        Assert.Equal(expected, VietnameseText.Fold(text));

    [Theory]
    [InlineData("lang-gom", true)]
    [InlineData("Lang-gom", false)]
    [InlineData("lang--gom", false)]
    [InlineData("-lang", false)]
    [InlineData("làng", false)]
    [InlineData("../etc", false)]
    public void IsValidSlug_accepts_only_canonical_slugs(string slug, bool valid) =>
        Assert.Equal(valid, VietnameseText.IsValidSlug(slug));
}
