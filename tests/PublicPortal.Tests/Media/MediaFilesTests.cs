using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Media;

/// <summary>Temporary files a killed process left under media/ are gone when the site starts again; real files stay.</summary>
public sealed class MediaFilesTests
{
    [Fact]
    public async Task Leftover_temporary_files_and_empty_renditions_are_deleted_on_start()
    {
        var data = RepositoryPaths.NewTempDirectory("portal-leftovers");
        var renditions = Directory.CreateDirectory(Path.Combine(data, "media", "renditions")).FullName;
        var library = Directory.CreateDirectory(Path.Combine(data, "media", "library")).FullName;
        var documents = Directory.CreateDirectory(Path.Combine(data, "media", "documents")).FullName;
        const string Hash = "0123456789abcdef";
        var kept = new[]
        {
            Path.Combine(renditions, $"{Hash}-320.webp"),
            Path.Combine(renditions, $"{Hash}-320.jpg"),
            Path.Combine(library, $"{Hash}.jpg"),
            Path.Combine(documents, "ke-hoach-0123456789ab.pdf"),
        };
        foreach (var file in kept) await File.WriteAllBytesAsync(file, TestImages.Jpeg(4, 4));
        var leftovers = new[]
        {
            Path.Combine(renditions, $"{Hash}-640.webp.tmp-{Guid.NewGuid():N}"), // killed before a byte was written
            Path.Combine(renditions, $"{Hash}-640.jpg.tmp-{Guid.NewGuid():N}"),
            Path.Combine(library, $"{Hash}.png.tmp-{Guid.NewGuid():N}"),
            Path.Combine(documents, $"ke-hoach-0123456789ab.pdf.tmp-{Guid.NewGuid():N}"),
            Path.Combine(renditions, $"{Hash}-1024.webp"), // an empty rendition: renamed, but its data never reached the disk
        };
        foreach (var file in leftovers) await File.WriteAllBytesAsync(file, []);
        await File.WriteAllBytesAsync(leftovers[1], new byte[1000]); // half-written
        // Another process (an import run beside the site) is writing this one right now: it must be left alone.
        var beingWritten = Path.Combine(library, $"{Hash}.gif.tmp-{Guid.NewGuid():N}");
        await using var writer = new FileStream(beingWritten, FileMode.CreateNew, FileAccess.Write, FileShare.None);

        await using (var factory = new PortalFactory { ExistingDataDirectory = data })
        {
            using var response = await factory.CreateReader().GetAsync("/healthz");

            Assert.All(leftovers, file => Assert.False(File.Exists(file), file));
            Assert.All(kept, file => Assert.True(File.Exists(file), file));
            Assert.True(File.Exists(beingWritten));
        }
    }
}
