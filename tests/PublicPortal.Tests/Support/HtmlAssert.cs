using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PublicPortal.Tests.Support;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<(HttpResponseMessage Response, string Body, IHtmlDocument Document)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return (response, body, Parse(body));
    }
}
