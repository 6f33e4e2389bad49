using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Media;

namespace PublicPortal.Tests.Media;

/// <summary>
/// Two nodes on one PostgreSQL database with their originals on one shared folder (Portal:Media:Directory): the same
/// image uploaded on both at once is one image, whole on disk, and each node makes its renditions in its own folder.
/// </summary>
public sealed class SharedMediaTests : IAsyncLifetime
{
    private readonly string _shared = RepositoryPaths.NewTempDirectory("portal-shared-media");
    private PortalFactory _first = null!;
    private PortalFactory _second = null!;

    public Task InitializeAsync()
    {
        _first = new PortalFactory { Provider = DatabaseProvider.PostgreSql, Settings = { ["Portal:Media:Directory"] = _shared } };
        _second = _first.NextNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        RepositoryPaths.DeleteQuietly(_shared);
    }

    [Fact]
    public async Task The_same_image_uploaded_on_two_nodes_at_once_is_one_image_and_each_node_makes_its_own_renditions()
    {
        _first.CreateReader();
        _second.CreateReader();
        var image = TestImages.Jpeg(1600, 900);
        var uploads = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Task.Run(async () =>
        {
            await using var scope = (n % 2 == 0 ? _first : _second).Services.CreateAsyncScope();
            var (asset, error) = await scope.ServiceProvider.GetRequiredService<MediaLibrary>().AddAsync(image, "lang-gom.jpg", "bien-tap@example.vn");
            Assert.Null(error);
            return asset!;
        })));
        var hash = Assert.Single(uploads.Select(a => a.Hash).Distinct());
        var rows = 0;
        await _first.WithDbAsync(async db => rows = await db.MediaAssets.CountAsync(x => x.Hash == hash));
        Assert.Equal(1, rows);
        // One original, whole, on the shared folder, and no temporary file left beside it.
        var original = Assert.Single(Directory.GetFiles(_shared, hash + ".*", SearchOption.AllDirectories));
        Assert.Equal(uploads[0].Bytes, new FileInfo(original).Length);
        Assert.Empty(Directory.GetFiles(_shared, "*" + MediaFiles.TemporaryMarker + "*", SearchOption.AllDirectories));

        foreach (var node in new[] { _first, _second })
        {
            var response = await node.CreateReader().GetAsync(ResponsiveImage.Url(hash, 640, "webp"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(node.DataDirectory, "renditions"), hash + "-*"));
        }
        Assert.Empty(Directory.GetFiles(_shared, hash + "-*", SearchOption.AllDirectories)); // no node's renditions on the shared folder
    }
}
