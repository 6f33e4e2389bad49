using System.Net;
using PublicPortal.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit.Abstractions;

namespace PublicPortal.Tests.Media;

/// <summary>
/// Image bombs, each a few KB, imported by the real executable in a process of its own whose peak memory (VmHWM) is
/// measured: each is refused with a Vietnamese reason, or reduced to what is safe, and the process never passes 500 MB.
/// A plain import of one small image peaks at about 190 MB here.
/// </summary>
public sealed class ImageBombTests(ITestOutputHelper output) : IDisposable
{
    private const long Ceiling = 500L * 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _root = RepositoryPaths.NewTempDirectory("portal-bombs");

    public void Dispose() => RepositoryPaths.DeleteQuietly(_root);

    // The theory data is only names: xunit serialises theory data to the runner.
    public static TheoryData<string, string> Refused() => new()
    {
        { "GIF: 6000×6000 logical screen, 200 frames of 1×1", "Ảnh động quá lớn" },
        { "GIF: 1×1 logical screen, one frame claiming 60000×60000", "khung hình quá lớn" },
        { "PNG: header declaring 65535×65535", "Ảnh quá lớn (65535×65535" },
        { "WebP: 4000×4000 canvas, 200 frames of 1×1", "Ảnh động quá lớn" },
        { "JPEG: header declaring 65500×65500", "Ảnh quá lớn (65500×65500" },
        { "JPEG: progressive 6000×6000, full-resolution colour, all in 200 KB", "Ảnh cần quá nhiều bộ nhớ để giải mã" },
    };

    private static (byte[] Content, string Extension) Bomb(string what) => what switch
    {
        "GIF: 6000×6000 logical screen, 200 frames of 1×1" => (TestImages.Gif(6000, 6000, 200), "gif"),
        "GIF: 1×1 logical screen, one frame claiming 60000×60000" => (TestImages.Gif(1, 1, 1, 60000, 60000), "gif"),
        "PNG: header declaring 65535×65535" => (TestImages.PngDeclaring(65535, 65535), "png"),
        "WebP: 4000×4000 canvas, 200 frames of 1×1" => (TestImages.WebpAnimation(4000, 4000, 200), "webp"),
        "JPEG: header declaring 65500×65500" => (TestImages.JpegDeclaring(65500, 65500), "jpg"),
        "JPEG: progressive 6000×6000, full-resolution colour, all in 200 KB" => (TestImages.ProgressiveJpeg(6000, 6000), "jpg"),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    /// <summary>A content folder with news items whose covers are the given files in media/.</summary>
    private string ContentWith(params (string Name, byte[] Content)[] images)
    {
        var folder = Path.Combine(_root, "content-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "news"));
        Directory.CreateDirectory(Path.Combine(folder, "media"));
        foreach (var (name, content) in images)
        {
            File.WriteAllBytes(Path.Combine(folder, "media", name), content);
            File.WriteAllText(Path.Combine(folder, "news", Path.GetFileNameWithoutExtension(name) + ".md"),
                $"---\ntitle: Bài có ảnh {name}\npublished: 2024-01-01\ncover: media/{name}\ncover_alt: Ảnh thử\n---\nNội dung.\n");
        }
        return folder;
    }

    private static string[] Library(string data) =>
        Directory.Exists(Path.Combine(data, "media", "library")) ? Directory.GetFiles(Path.Combine(data, "media", "library")) : [];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_image_bomb_is_refused_by_the_import_without_passing_500_MB(string what, string reason)
    {
        var (content, extension) = Bomb(what);
        Assert.True(content.Length < 250_000, $"{what} is {content.Length} bytes");
        var data = Path.Combine(_root, "data");
        await using var import = WatchedProcess.Start(data, Ceiling, "import", ContentWith(("bom." + extension, content)));

        var exit = await import.WaitForExitAsync(Patience);
        output.WriteLine($"{what}: exit {exit}, peak {import.PeakMegabytes} MB");

        Assert.False(import.KilledOverCeiling, $"{what}: {import.Report}");
        Assert.True(exit == 1, $"{what}: exit {exit}, {import.Report}");
        Assert.Contains($"the image 'media/bom.{extension}' was refused: ", import.Error, StringComparison.Ordinal);
        Assert.Contains(reason, import.Error, StringComparison.Ordinal);
        Assert.Empty(Library(data));
        Assert.True(import.PeakBytes < Ceiling, $"{what}: {import.Report}");
    }

    [Fact]
    public async Task A_png_with_a_zTXt_chunk_inflating_to_500_MB_is_kept_without_it_and_under_500_MB()
    {
        var bomb = TestImages.PngWithZtxt(500L * 1024 * 1024);
        Assert.InRange(bomb.Length, 1, 1_000_000);
        var data = Path.Combine(_root, "data");
        await using var import = WatchedProcess.Start(data, Ceiling, "import", ContentWith(("bom.png", bomb)));

        var exit = await import.WaitForExitAsync(Patience);
        output.WriteLine($"PNG with zTXt inflating to 500 MB: exit {exit}, peak {import.PeakMegabytes} MB");

        Assert.True(exit == 0, $"exit {exit}, {import.Report}");
        var stored = Assert.Single(Library(data));
        var bytes = await File.ReadAllBytesAsync(stored);
        Assert.True(bytes.Length < 1000, $"the stored PNG is {bytes.Length} bytes");
        Assert.Equal(-1, bytes.AsSpan().IndexOf("zTXt"u8));
        Assert.True(import.PeakBytes < Ceiling, import.Report);
    }

    public static TheoryData<string> AtTheLimits() => new()
    {
        "JPEG of 8000×5000 (40 MP)",
        "PNG of 8000×5000 (40 MP)",
        "GIF of 50 frames of 1000×1000 (50 MP in all)",
    };

    private static byte[] Largest(string what)
    {
        if (what.StartsWith("GIF", StringComparison.Ordinal))
        {
            using var gif = new Image<Rgba32>(1000, 1000, new Rgba32(200, 60, 20));
            for (var i = 1; i < 50; i++)
            {
                using var frame = new Image<Rgba32>(1000, 1000, new Rgba32((byte)(4 * i), 60, 20));
                gif.Frames.AddFrame(frame.Frames.RootFrame);
            }
            using var gifOutput = new MemoryStream();
            gif.SaveAsGif(gifOutput);
            return gifOutput.ToArray();
        }
        using var image = new Image<Rgb24>(8000, 5000);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++) row[x] = new Rgb24((byte)(x / 32), (byte)(y / 20), (byte)((x + y) / 52));
            }
        });
        using var output = new MemoryStream();
        if (what.StartsWith("JPEG", StringComparison.Ordinal)) image.SaveAsJpeg(output);
        else image.SaveAsPng(output);
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(AtTheLimits))]
    public async Task The_largest_images_allowed_are_accepted_under_500_MB(string what)
    {
        var content = Largest(what);
        var name = "lon." + (what[..4].Trim().ToLowerInvariant() is "jpeg" ? "jpg" : what[..3].ToLowerInvariant());
        var data = Path.Combine(_root, "data");
        await using var import = WatchedProcess.Start(data, Ceiling, "import", ContentWith((name, content)));

        var exit = await import.WaitForExitAsync(Patience);
        output.WriteLine($"{what} ({content.Length / 1024} KB): exit {exit}, peak {import.PeakMegabytes} MB");

        Assert.True(exit == 0, $"{what}: exit {exit}, {import.Report}");
        Assert.Single(Library(data));
        Assert.True(import.PeakBytes < Ceiling, $"{what}: {import.Report}");
    }

    [Fact]
    public async Task Renditions_never_decode_a_bomb_found_in_place_of_a_stored_original()
    {
        // Two images stored by a normal import; then their originals on disk are swapped for bombs, as a restored backup
        // or a hand-copied file could do. The first anonymous requests for their renditions must stay bounded too.
        var data = Path.Combine(_root, "data");
        await using (var import = WatchedProcess.Start(data, Ceiling, "import", ContentWith(("anh-a.png", TestImages.Png(2, 2)), ("anh-b.gif", TestImages.Gif(2, 2, 1)))))
            Assert.True(await import.WaitForExitAsync(Patience) == 0, import.Report);
        var png = Assert.Single(Library(data), f => f.EndsWith(".png", StringComparison.Ordinal));
        var gif = Assert.Single(Library(data), f => f.EndsWith(".gif", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(png, TestImages.PngWithZtxt(500L * 1024 * 1024));
        await File.WriteAllBytesAsync(gif, TestImages.Gif(6000, 6000, 200));

        var port = WatchedProcess.FreePort();
        await using var site = WatchedProcess.Start(data, Ceiling, "--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Patience };
        await WaitForSiteAsync(http, site);

        var pngRendition = await StatusAsync(http, $"/anh/{Path.GetFileNameWithoutExtension(png)}-320.webp");
        var gifRendition = await StatusAsync(http, $"/anh/{Path.GetFileNameWithoutExtension(gif)}-320.webp");
        var health = await StatusAsync(http, "/healthz");
        output.WriteLine($"site serving renditions of the swapped originals: {pngRendition}, {gifRendition}, peak {site.PeakMegabytes} MB");

        Assert.False(site.KilledOverCeiling, site.Report);
        Assert.True(pngRendition == HttpStatusCode.OK, $"{pngRendition}, {site.Report}"); // the text chunk is dropped unread; the 2×2 picture is fine
        Assert.True(gifRendition == HttpStatusCode.NotFound, $"{gifRendition}, {site.Report}"); // 200 frames × 36 MP: not made, logged
        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Contains("No renditions of image", site.Output + site.Error, StringComparison.Ordinal);
        Assert.True(site.PeakBytes < Ceiling, site.Report);
    }

    /// <summary>The status of a GET, or null when the site is gone (killed past the ceiling).</summary>
    private static async Task<HttpStatusCode?> StatusAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static async Task WaitForSiteAsync(HttpClient http, WatchedProcess site)
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until && !site.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the site did not start: " + site.Report);
    }
}
