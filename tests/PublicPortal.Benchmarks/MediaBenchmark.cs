using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Media;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

/// <summary>
/// A 12-megapixel JPEG through the upload pipeline and its whole rendition set (time and peak memory), then requests/s
/// of a cached rendition from the real site on Kestrel.
/// </summary>
internal static class MediaBenchmark
{
    public static async Task RunAsync(string root, int seconds)
    {
        var photo = TwelveMegapixelJpeg();
        Console.WriteLine($"Test photo: 4000×3000 JPEG, {photo.Length / 1048576.0:F1} MB");
        var data = Path.Combine(Path.GetTempPath(), $"portal-media-bench-{Guid.NewGuid():N}");
        var app = PortalApp.Build(
        [
            "--urls", "http://127.0.0.1:0", "--contentRoot", Path.Combine(root, "src", "PublicPortal.Web"), "--environment", "Production",
            $"--Portal:DataDirectory={data}", $"--Portal:ContentDirectory={Path.Combine(root, "content")}", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // start-up import and index build
            using var scope = app.Services.CreateScope();
            var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
            var renditions = app.Services.GetRequiredService<RenditionStore>();
            GC.Collect();
            var before = Process.GetCurrentProcess().WorkingSet64;
            var watch = Stopwatch.StartNew();
            var (asset, error) = await library.AddAsync(photo, "bench.jpg", "benchmark");
            if (asset is null) throw new InvalidOperationException(error);
            var intake = watch.Elapsed;
            foreach (var width in MediaLibrary.Widths)
                foreach (var extension in new[] { "webp", "jpg" })
                    await renditions.GetAsync(library.OriginalPath(asset), asset.Hash, width, extension);
            var total = watch.Elapsed;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine($"Upload (check, decode, orient, strip, re-encode): {intake.TotalMilliseconds:N0} ms; plus 8 renditions (4 widths × WebP/JPEG): {total.TotalMilliseconds:N0} ms in all");
            Console.WriteLine($"Working set before {before / 1048576.0:N0} MB, peak of the process {peak / 1048576.0:N0} MB");

            var url = app.Urls.Single().TrimEnd('/') + $"/anh/{asset.Hash}-640.webp";
            long done;
            string client;
            var load = Stopwatch.StartNew();
            if (TrafficBenchmark.Wrk is { } wrk)
            {
                // As in the traffic benchmark: the site on the first core, wrk (its own process) on the second.
                if (OperatingSystem.IsLinux() && Environment.ProcessorCount >= 2) Process.GetCurrentProcess().ProcessorAffinity = 1;
                (done, client) = await TrafficBenchmark.RunWrkAsync(wrk, url, seconds);
            }
            else
            {
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 });
                long count = 0;
                await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
                {
                    while (load.Elapsed.TotalSeconds < seconds)
                    {
                        using var response = await http.GetAsync(url);
                        await response.Content.CopyToAsync(Stream.Null);
                        if (response.IsSuccessStatusCode) Interlocked.Increment(ref count);
                    }
                })));
                (done, client) = (count, "16 clients in-process");
            }
            var size = new FileInfo(await renditions.GetAsync(library.OriginalPath(asset), asset.Hash, 640, "webp") ?? throw new InvalidOperationException("no rendition")).Length;
            Console.WriteLine($"Serving the cached 640 px WebP rendition ({size / 1024.0:N0} KB), {client}, {seconds} s: {done / (double)seconds:N0} requests/s ({done * size / (double)seconds / 1048576:N0} MB/s)");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    /// <summary>A photo-like picture (gradients and noise, which JPEG cannot shrink to nothing).</summary>
    private static byte[] TwelveMegapixelJpeg()
    {
        using var image = new Image<Rgb24>(4000, 3000);
        var random = new Random(42);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = new Rgb24((byte)(x * 255 / 4000), (byte)(y * 255 / 3000), (byte)random.Next(256));
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }
}
