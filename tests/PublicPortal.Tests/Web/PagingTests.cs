using PublicPortal.Web.Features.Web;

namespace PublicPortal.Tests.Web;

public sealed class PagingTests
{
    [Theory]
    [InlineData(null, true, 1)]
    [InlineData("", true, 1)]
    [InlineData("1", true, 1)]
    [InlineData("7", true, 7)]
    [InlineData("abc", false, 0)]
    [InlineData("-5", false, 0)]
    [InlineData("0", false, 0)]
    [InlineData("1.5", false, 0)]
    [InlineData("99999999999", false, 0)]
    [InlineData("٣", false, 0)]
    public void TryReadPage_accepts_only_plain_positive_numbers(string? raw, bool ok, int page)
    {
        Assert.Equal(ok, Paging.TryReadPage(raw, out var parsed));
        if (ok) Assert.Equal(page, parsed);
    }

    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(1, 5, "1 2 3 4 5")]
    [InlineData(1, 9, "1 2 3 4 5 … 9")]
    [InlineData(5, 9, "1 2 3 4 5 6 7 8 9")]
    [InlineData(6, 12, "1 … 4 5 6 7 8 … 12")]
    [InlineData(4, 12, "1 2 3 4 5 6 … 12")]
    [InlineData(9, 9, "1 … 5 6 7 8 9")]
    [InlineData(50, 100, "1 … 48 49 50 51 52 … 100")]
    public void Window_shows_neighbours_first_last_and_gaps(int page, int total, string expected) =>
        Assert.Equal(expected, string.Join(' ', Paging.Window(page, total).Select(n => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…")));
}
