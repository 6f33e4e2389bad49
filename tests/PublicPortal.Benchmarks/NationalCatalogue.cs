using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PublicPortal.Web.Features.Content;

/// <summary>
/// Writes a national-size catalogue as content files, in the repository's own format, for the benchmark to import
/// through the real import path: about 5,400 villages, 20,000 OCOP products, 2,000 sights, 500 routes and 50,000 news
/// items (Vietnam has about 5,400 craft villages and over 16,000 OCOP products). Every name and text is synthetic,
/// made of words drawn from content/; nothing here is a fact about a real place, and none of it is ever published.
/// Usage: dotnet run -c Release --project tests/PublicPortal.Benchmarks -- national &lt;folder&gt; [scale]
/// </summary>
internal static class NationalCatalogue
{
    public static void Write(string root, string target, double scale)
    {
        var random = new Random(20261202);
        var words = Directory.EnumerateFiles(Path.Combine(root, "content"), "*.md", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Split(VietnameseText.Nfc(File.ReadAllText(f)), @"[^\p{L}]+"))
            .Where(w => w.Length is >= 2 and <= 10 && w.All(char.IsLetter))
            .Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
        string Title(int count) => Capitalise(Words(count));
        int Count(int national) => Math.Max(2, (int)Math.Round(national * scale));

        var crafts = Directory.GetFiles(Path.Combine(root, "content", "crafts"), "*.md").Select(Path.GetFileNameWithoutExtension).ToArray();
        Directory.CreateDirectory(Path.Combine(target, "crafts"));
        foreach (var file in Directory.GetFiles(Path.Combine(root, "content", "crafts"), "*.md"))
            File.Copy(file, Path.Combine(target, "crafts", Path.GetFileName(file)), overwrite: true);

        // 63 provinces (before the 2025 merger), 11 districts each, one locality per district.
        var localities = new List<string>();
        for (var p = 1; p <= 63; p++)
            for (var d = 1; d <= 11; d++)
            {
                var slug = $"dia-phuong-{p:00}-{d:00}";
                localities.Add(slug);
                Write(target, "localities", slug, $"""
                    title: "Xã {Title(2)} {p}-{d}"
                    summary: "Địa phương tổng hợp cho phép đo hiệu năng."
                    published: "2026-01-01T08:00:00+07:00"
                    locality:
                      district: "Huyện {Title(2)} {p}-{d}"
                    """, "");
            }

        (double Lat, double Lon) Place() => (8.6 + random.NextDouble() * 14.5, 102.2 + random.NextDouble() * 7.2);
        string Location((double Lat, double Lon) at, string indent) =>
            $"{indent}location:\n{indent}  lat: {at.Lat.ToString("F4", CultureInfo.InvariantCulture)}\n{indent}  lon: {at.Lon.ToString("F4", CultureInfo.InvariantCulture)}\n{indent}  approximate: true";
        string Body(int paragraphs) => string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(_ => Capitalise(Words(40 + random.Next(40))) + "."));

        var villages = new List<string>();
        for (var i = 0; i < Count(5400); i++)
        {
            var slug = $"lang-nghe-{i:00000}";
            villages.Add(slug);
            Write(target, "villages", slug, $"""
                title: "Làng nghề {Title(3)} {i}"
                summary: "{Capitalise(Words(18))}."
                published: "2026-01-01T08:00:00+07:00"
                village:
                  type: "{(random.Next(4) == 0 ? "traditional-craft-village" : "craft-village")}"
                  status: "{(random.Next(6) == 0 ? "at-risk" : "active")}"
                  crafts:
                    - "{crafts[random.Next(crafts.Length)]}"
                  locality: "{localities[random.Next(localities.Count)]}"
                {Location(Place(), "  ")}
                  linked_to_tourism: {(random.Next(3) == 0 ? "true" : "false")}
                """, Body(3));
        }

        for (var i = 0; i < Count(20000); i++)
        {
            var village = villages[random.Next(villages.Count)];
            var year = 2020 + random.Next(6);
            Write(target, "products", $"san-pham-{i:00000}", $"""
                title: "{Title(3)} {i}"
                summary: "{Capitalise(Words(16))}."
                published: "2026-01-01T08:00:00+07:00"
                product:
                  producer: "Hợp tác xã {Title(2)} {i}"
                  locality: "{localities[random.Next(localities.Count)]}"
                  village: "{village}"
                  group: {1 + random.Next(6)}
                  stars: {3 + random.Next(3)}
                  known_since: "{year}-0{1 + random.Next(9)}-01"
                """, Body(2));
        }

        var sights = new List<string>();
        for (var i = 0; i < Count(2000); i++)
        {
            var slug = $"diem-den-{i:0000}";
            sights.Add(slug);
            Write(target, "sights", slug, $"""
                title: "{Title(3)} {i}"
                summary: "{Capitalise(Words(16))}."
                published: "2026-01-01T08:00:00+07:00"
                sight:
                  kind: "Di tích"
                  locality: "{localities[random.Next(localities.Count)]}"
                {Location(Place(), "  ")}
                """, Body(2));
        }

        for (var i = 0; i < Count(500); i++)
        {
            var stops = new StringBuilder();
            for (var s = 0; s < 3 + random.Next(3); s++)
            {
                var (kind, slug) = random.Next(2) == 0 ? ("village", villages[random.Next(villages.Count)]) : ("sight", sights[random.Next(sights.Count)]);
                stops.Append(CultureInfo.InvariantCulture, $"    - {kind}: \"{slug}\"\n      minutes: {30 + random.Next(90)}\n");
            }
            Write(target, "routes", $"tuyen-{i:000}", $"""
                title: "Tuyến {Title(3)} {i}"
                summary: "{Capitalise(Words(16))}."
                published: "2026-01-01T08:00:00+07:00"
                route:
                  stops:
                {stops.ToString().TrimEnd('\n')}
                """, Body(2));
        }

        var start = new DateTime(2021, 1, 1, 1, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Count(50000); i++)
        {
            var at = start.AddMinutes(random.Next(5 * 365 * 24 * 60));
            Write(target, "news", $"tin-{i:00000}", $"""
                title: "{Title(8)}"
                summary: "{Capitalise(Words(24))}."
                published: "{at:yyyy-MM-dd'T'HH:mm:ss}+00:00"
                """, Body(4));
        }
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static void Write(string target, string folder, string slug, string frontMatter, string body)
    {
        var directory = Path.Combine(target, folder);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, slug + ".md"), "---\n" + frontMatter.TrimEnd() + "\n---\n\n" + body + "\n");
    }
}
