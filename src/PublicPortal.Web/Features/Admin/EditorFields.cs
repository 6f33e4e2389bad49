using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// The editor's form is the item's content file in two parts: the fields every item has (title, address, summary,
/// status, publish time, Markdown body) as form fields, and the rest of the front matter (document, plan, catalogue
/// details) as YAML. Saving puts them together and reads them with the very parser the import uses, so the checks are one.
/// </summary>
public static class EditorFields
{
    private static readonly string[] FormKeys = ["title", "slug", "summary", "status", "published", "unpublish", "views", "english"];

    private static readonly ISerializer Scalars = new SerializerBuilder().Build();

    /// <summary>The item as a content file that also names its slug: what a revision keeps.</summary>
    public static string Snapshot(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        // Views are counted by the site, not written by editors: they stay out of revisions and their diffs.
        var lines = FrontMatter.Write(item).Split('\n').Where((line, i) => i == 0 || !line.StartsWith("views: ", StringComparison.Ordinal));
        return "---\nslug: " + item.Slug + "\n" + string.Join('\n', lines.Skip(1));
    }

    /// <summary>The front matter keys that have no form field of their own, as YAML (a route's stops have their own fields).</summary>
    public static string ExtraYaml(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = FrontMatter.Write(item);
        var root = Mapping(text["---\n".Length..text.IndexOf("\n---\n", StringComparison.Ordinal)]);
        foreach (var formKey in FormKeys) root.Children.Remove(new YamlScalarNode(formKey));
        if (item.Kind == ContentKind.Route && root.Children.TryGetValue(new YamlScalarNode("route"), out var route) && route is YamlMappingNode r)
        {
            r.Children.Remove(new YamlScalarNode("stops"));
            if (r.Children.Count == 0) root.Children.Remove(new YamlScalarNode("route"));
        }
        // A village's or sight's position has its own fields (with the map picker), like a route's stops.
        if (DetailsKey(item.Kind) is { } key && root.Children.TryGetValue(new YamlScalarNode(key), out var details) && details is YamlMappingNode d)
        {
            d.Children.Remove(new YamlScalarNode("location"));
        }
        return Yaml(root);
    }

    /// <summary>The front matter section that holds a position, for the kinds that have one.</summary>
    public static string? DetailsKey(ContentKind kind) => kind switch
    {
        ContentKind.Village => "village",
        ContentKind.Sight => "sight",
        _ => null,
    };

    /// <summary>Puts the position fields back into the village's or sight's details; null removes the position.</summary>
    public static string WithLocation(string? extraYaml, ContentKind kind, GeoPoint? point)
    {
        var key = DetailsKey(kind) ?? throw new ArgumentException($"{kind} has no position", nameof(kind));
        var root = Mapping((extraYaml ?? "").Replace("\r\n", "\n"));
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlMappingNode details)
        {
            if (point is null) return Yaml(root);
            details = new YamlMappingNode();
            root.Children[new YamlScalarNode(key)] = details;
        }
        if (point is null)
        {
            details.Children.Remove(new YamlScalarNode("location"));
            return Yaml(root);
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var location = new YamlMappingNode
        {
            { "lat", point.Latitude.ToString("0.######", invariant) },
            { "lon", point.Longitude.ToString("0.######", invariant) },
        };
        if (point.Approximate) location.Add("approximate", "true");
        details.Children[new YamlScalarNode("location")] = location;
        return Yaml(root);
    }

    /// <summary>
    /// Reads the latitude and longitude fields: both empty is "no position"; a comma works as the decimal mark (as
    /// Vietnamese writes it); out-of-range or half-filled values are refused with the reason.
    /// </summary>
    public static bool TryReadPosition(string? latitude, string? longitude, bool approximate, out GeoPoint? point, out string? error)
    {
        point = null;
        error = null;
        var lat = (latitude ?? "").Trim();
        var lon = (longitude ?? "").Trim();
        if (lat.Length == 0 && lon.Length == 0) return true;
        if (lat.Length == 0 || lon.Length == 0)
        {
            error = "Hãy nhập cả vĩ độ và kinh độ (hoặc để trống cả hai nếu chưa có vị trí).";
            return false;
        }
        static bool Read(string text, double limit, out double value) =>
            double.TryParse(text.Replace(',', '.'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value) && Math.Abs(value) <= limit;
        if (!Read(lat, 90, out var la))
        {
            error = "Vĩ độ phải là số thập phân từ -90 đến 90 (ví dụ 10,936 hoặc 10.936).";
            return false;
        }
        if (!Read(lon, 180, out var lo))
        {
            error = "Kinh độ phải là số thập phân từ -180 đến 180 (ví dụ 108,146 hoặc 108.146).";
            return false;
        }
        point = new GeoPoint { Latitude = Math.Round(la, 6), Longitude = Math.Round(lo, 6), Approximate = approximate };
        return true;
    }

    private static YamlMappingNode Mapping(string yaml)
    {
        if (InputLimits.YamlProblem(yaml) is { } problem) throw new ContentFormatException(problem);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ContentFormatException($"YAML không hợp lệ ở dòng {ex.Start.Line}: {ex.Message}");
        }
        if (stream.Documents.Count == 0) return new YamlMappingNode();
        return stream.Documents[0].RootNode as YamlMappingNode ?? throw new ContentFormatException("phần YAML phải là các cặp “khóa: giá trị”");
    }

    private static string Yaml(YamlMappingNode root)
    {
        if (root.Children.Count == 0) return "";
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var result = writer.ToString().Replace("\r\n", "\n");
        if (result.EndsWith("...\n", StringComparison.Ordinal)) result = result[..^4];
        return result.TrimEnd() + "\n";
    }

    /// <summary>Sets one top-level key of the front matter (an uploaded attachment's path).</summary>
    public static string WithValue(string? extraYaml, string key, string value)
    {
        var root = Mapping((extraYaml ?? "").Replace("\r\n", "\n"));
        root.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
        return Yaml(root);
    }

    /// <summary>Puts a route's stops, edited in their own fields, back into its front matter.</summary>
    public static string WithStops(string? extraYaml, IReadOnlyList<RouteStop> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        var root = Mapping((extraYaml ?? "").Replace("\r\n", "\n"));
        if (!root.Children.TryGetValue(new YamlScalarNode("route"), out var node) || node is not YamlMappingNode route)
        {
            route = new YamlMappingNode();
            root.Children[new YamlScalarNode("route")] = route;
        }
        var sequence = new YamlSequenceNode();
        foreach (var stop in stops)
        {
            var entry = new YamlMappingNode { { stop.Kind == "village" ? "village" : "sight", stop.Slug } };
            if (!string.IsNullOrWhiteSpace(stop.Note)) entry.Add("note", new YamlScalarNode(stop.Note.Trim()) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted });
            if (stop.Minutes is { } minutes) entry.Add("minutes", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sequence.Add(entry);
        }
        route.Children[new YamlScalarNode("stops")] = sequence;
        return Yaml(root);
    }

    /// <summary>Puts the position fields and a route's stops, which have their own parts of the form, into the details.</summary>
    public static void Place(FrontMatterDto details, ContentKind kind, GeoPoint? position, IReadOnlyList<RouteStop> stops)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(stops);
        if (details.Village is { } village && kind == ContentKind.Village) village.Location = GeoPointMapper.Write(position);
        if (details.Sight is { } sight && kind == ContentKind.Sight) sight.Location = GeoPointMapper.Write(position);
        if (details.Route is { } route && kind == ContentKind.Route)
            route.Stops = stops.Select(s => new StopDto { Village = s.Kind == "village" ? s.Slug : null, Sight = s.Kind == "sight" ? s.Slug : null, Note = s.Note, Minutes = s.Minutes }).ToList();
    }

    /// <summary>
    /// Builds the item from the form's fields: the common ones over the details, then the very parser the import uses
    /// (so the checks are one); the parser's message, naming the key, when a value is wrong.
    /// </summary>
    public static ContentItem Compose(ContentKind kind, string title, string slug, string? summary, bool published, DateTime publishedAtUtc, string? body, FrontMatterDto details, EnglishFields english, DateTime? unpublishAtUtc = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(english);
        details.Title = title;
        details.Slug = slug;
        details.Summary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();
        details.Status = published ? "published" : "draft";
        details.Published = FrontMatter.FormatInstant(publishedAtUtc);
        details.Unpublish = unpublishAtUtc is { } until ? FrontMatter.FormatInstant(until) : null;
        details.Views = null;
        details.English = string.IsNullOrWhiteSpace(english.Title) && string.IsNullOrWhiteSpace(english.Summary) && string.IsNullOrWhiteSpace(english.Body)
            ? null
            : new EnglishDto { Title = english.Title, Summary = english.Summary, Body = english.Body?.Replace("\r\n", "\n", StringComparison.Ordinal) };
        return FrontMatter.Parse(FrontMatter.Write(details, body ?? ""), kind, slug);
    }

    /// <summary>Builds the item from the form; the parser's message when the YAML or a value is wrong.</summary>
    public static ContentItem Compose(ContentKind kind, string title, string slug, string? summary, bool published, DateTime publishedAtUtc, string? body, string? extraYaml, EnglishFields? english = null, DateTime? unpublishAtUtc = null)
    {
        var common = new Dictionary<string, string?>
        {
            ["title"] = title,
            ["slug"] = slug,
            ["status"] = published ? "published" : "draft",
            ["published"] = FrontMatter.FormatInstant(publishedAtUtc),
        };
        if (unpublishAtUtc is { } until) common["unpublish"] = FrontMatter.FormatInstant(until);
        if (!string.IsNullOrWhiteSpace(summary)) common["summary"] = summary.Trim();
        var extra = (extraYaml ?? "").Replace("\r\n", "\n").Trim();
        if (extra.StartsWith("---", StringComparison.Ordinal) || extra.Split('\n').Any(l => l.TrimEnd() == "---"))
            throw new ContentFormatException("phần YAML không được chứa dòng '---'");
        // The form's own fields win: a "title:" or "status: published" typed in the YAML box would silently override them.
        var owned = Mapping(extra).Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Where(k => k is not null && FormKeys.Contains(k)).ToList();
        if (owned.Count > 0)
            throw new ContentFormatException($"khóa {string.Join(", ", owned.Select(k => $"“{k}”"))} đã có ô riêng trong biểu mẫu; hãy xóa khỏi phần YAML và dùng ô đó");
        var englishYaml = english is null ? "" : Scalars.Serialize(new Dictionary<string, Dictionary<string, string?>>
        {
            ["english"] = new() { ["title"] = english.Title, ["summary"] = english.Summary, ["body"] = english.Body?.Replace("\r\n", "\n") },
        });
        var text = "---\n" + Scalars.Serialize(common) + englishYaml + (extra.Length > 0 ? extra + "\n" : "") + "---\n\n" + (body ?? "").Replace("\r\n", "\n").Trim() + "\n";
        return FrontMatter.Parse(text, kind, slug);
    }
}

/// <summary>The English version as typed in the editor's own fields (empty fields: no English version).</summary>
public sealed record EnglishFields(string? Title, string? Summary, string? Body);
