using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// Structured data for search engines. One set of serializer options for the life of the process: options made per
/// page rebuilt the serializer's metadata (reflection and emitted code) on every render, about 4 ms and 400 KB a page.
/// </summary>
public static class JsonLd
{
    // Vietnamese letters as they are; < > & still escaped, so the block cannot be closed early.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Options);
}
