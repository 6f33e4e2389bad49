using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Search;

// National-size content for tests/bench/run.sh --national: dotnet run -c Release --project tests/PublicPortal.Benchmarks -- national <folder> [scale]
if (args.Length > 1 && args[0] == "national")
{
    var started = Stopwatch.StartNew();
    NationalCatalogue.Write(FindRoot(), args[1], args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1.0);
    Console.WriteLine($"national content written to {args[1]} in {started.Elapsed.TotalSeconds:F1} s");
    return;
}

// Traffic benchmark: dotnet run -c Release --project tests/PublicPortal.Benchmarks -- traffic [seconds]
if (args.Length > 0 && args[0] == "traffic")
{
    await TrafficBenchmark.RunAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

// Media benchmark: dotnet run -c Release --project tests/PublicPortal.Benchmarks -- media [seconds]
if (args.Length > 0 && args[0] == "media")
{
    await MediaBenchmark.RunAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

// Search benchmark: builds an index of N synthetic Vietnamese documents (words drawn from the seed content),
// then runs a mixed query load. Usage: dotnet run -c Release --project tests/PublicPortal.Benchmarks -- [documents] [seconds]
var documents = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;

var root = FindRoot();
var words = Directory.EnumerateFiles(Path.Combine(root, "content"), "*.md", SearchOption.AllDirectories)
    .SelectMany(f => Regex.Split(VietnameseText.Nfc(File.ReadAllText(f)), @"[^\p{L}\p{Nd}]+"))
    .Where(w => w.Length is >= 2 and <= 12 && w.Any(char.IsLetter))
    .Select(w => w.ToLowerInvariant())
    .ToArray();
Console.WriteLine($"Vocabulary: {words.Distinct().Count()} distinct words ({words.Length} occurrences) from content/");

var random = new Random(20261128);
string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
ContentKind[] kinds = [ContentKind.News, ContentKind.Announcement, ContentKind.Document, ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route];
string[] districts = ["Huyện Bắc Bình", "Huyện Hàm Thuận Bắc", "Huyện Hàm Thuận Nam", "Huyện Đức Linh", "Huyện Tánh Linh", "Thành phố Phan Thiết", "Huyện Phú Quý"];
var now = DateTime.UtcNow;
var corpus = Enumerable.Range(0, documents).Select(i =>
{
    var kind = kinds[i % kinds.Length];
    return new SearchDocument(kind, $"doc-{i}", $"/x/doc-{i}", char.ToUpperInvariant(Words(1)[0]) + Words(8)[1..], Words(25),
        Words(random.Next(80, 220)), Words(6), kind == ContentKind.Document ? $"{i}/KH-UBND" : null,
        districts[random.Next(districts.Length)], now.AddDays(-random.Next(0, 1100)));
}).ToList();

var path = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}");
try
{
    using var index = new SearchIndex(path, NullLogger<SearchIndex>.Instance);
    GC.Collect();
    var build = Stopwatch.StartNew();
    index.Rebuild(corpus);
    build.Stop();
    Console.WriteLine($"Index build: {documents:N0} documents in {build.Elapsed.TotalSeconds:F1} s ({documents / build.Elapsed.TotalSeconds:N0} docs/s); size {Directory.EnumerateFiles(path).Sum(f => new FileInfo(f).Length) / 1048576.0:F0} MB");

    // The query mix: plain accented words, the same folded, a three-word phrase from a real document, a typo, and a filtered (facet) query.
    List<SearchRequest> Mix(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var source = corpus[random.Next(corpus.Count)];
        var bodyWords = source.Body.Split(' ');
        var start = random.Next(bodyWords.Length - 3);
        return (i % 5) switch
        {
            0 => new SearchRequest(Words(2)),
            1 => new SearchRequest(VietnameseText.Fold(Words(2))),
            2 => new SearchRequest(string.Join(' ', bodyWords[start..(start + 3)])),
            3 => new SearchRequest(Typo(words.Where(w => w.Length >= 5).ElementAt(random.Next(500)))),
            _ => new SearchRequest(Words(1), ContentKind.Village, VietnameseText.Slugify(districts[random.Next(districts.Length)])),
        };
    }).ToList();
    var queries = Mix(2000);
    // Warm-up on a separate draw of the same mix, until tiered compilation has settled (the index caches no results).
    var warmUp = Mix(1000);

    var pageSize = Environment.GetEnvironmentVariable("BENCH_PAGE_SIZE") is { } ps ? int.Parse(ps, System.Globalization.CultureInfo.InvariantCulture) : 10;
    queries = queries.Select(q => q with { PageSize = pageSize }).ToList();
    foreach (var q in warmUp) index.Search(q with { PageSize = pageSize }, now);
    var latencies = new List<double>(queries.Count);
    var estimated = 0;
    foreach (var q in queries)
    {
        var watch = Stopwatch.StartNew();
        var results = index.Search(q, now);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        if (results.Approximate) estimated++;
    }
    Console.WriteLine($"  {estimated * 100.0 / queries.Count:F0} % of the queries matched so much that they were counted from a sample (shown as \"khoảng\")");
    for (var type = 0; type < 5; type++)
    {
        var perType = latencies.Where((_, i) => i % 5 == type).Order().ToList();
        Console.WriteLine($"  type {type} ({new[] { "plain", "folded", "phrase", "typo", "facet-filtered" }[type]}): p50 {perType[perType.Count / 2]:F2} ms, p95 {perType[(int)(perType.Count * 0.95)]:F2} ms");
    }
    latencies.Sort();
    double P(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
    Console.WriteLine($"Query latency, 1 thread, {latencies.Count} mixed queries: p50 {P(0.50):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {latencies[^1]:F1} ms");

    long done = 0;
    var until = Stopwatch.StartNew();
    var threads = Enumerable.Range(0, 2).Select(t => Task.Run(() =>
    {
        var i = t;
        while (until.Elapsed.TotalSeconds < seconds)
        {
            index.Search(queries[i++ % queries.Count], now);
            Interlocked.Increment(ref done);
        }
    })).ToArray();
    Task.WaitAll(threads);
    Console.WriteLine($"Throughput, 2 threads, {seconds} s: {done / until.Elapsed.TotalSeconds:N0} queries/s");
    Console.WriteLine($"Peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try { Directory.Delete(path, true); } catch (IOException) { }
}

string Typo(string word) => word.Length < 2 ? word : word[..^2] + word[^1] + word[^2];

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "PublicPortal.sln"))) return dir.FullName;
    throw new InvalidOperationException("PublicPortal.sln not found");
}
