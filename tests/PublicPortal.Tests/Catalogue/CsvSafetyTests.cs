using System.Text;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Features.Catalogue;

namespace PublicPortal.Tests.Catalogue;

/// <summary>A CSV opened in a spreadsheet never runs what a visitor or producer typed.</summary>
public sealed class CsvSafetyTests
{
    private static List<string> Row(object? value)
    {
        var row = new OrderedDictionary<string, object?> { ["v"] = value };
        var bytes = OpenData.Csv([row], ["v"]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("\"v\"\r\n\"", text); // every field quoted
        return Csv.Parse(text)[1];
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("x;=1+1", "x;'=1+1")]
    [InlineData("x,@SUM(A1)", "x,'@SUM(A1)")]
    [InlineData("a\t-2+3", "a\t'-2+3")]
    [InlineData("a; +cmd|' /C calc'!A0", "a; '+cmd|' /C calc'!A0")]
    [InlineData("+84 912 345 678", "'+84 912 345 678")]
    [InlineData("+84912345678", "'+84912345678")]
    [InlineData("Gốm Bình Đức; gốm Chăm", "Gốm Bình Đức; gốm Chăm")]
    public void Text_that_would_run_as_a_formula_is_neutralised(string value, string expected) =>
        Assert.Equal(expected, Row(value)[0]);

    [Fact]
    public void Numbers_from_the_data_stay_numbers() => Assert.Equal("-12.5", Row(-12.5)[0]);

    [Fact]
    public void Lists_are_neutralised_after_each_separator() => Assert.Equal("a; '=b", Row(new List<string> { "a", "=b" })[0]);
}
