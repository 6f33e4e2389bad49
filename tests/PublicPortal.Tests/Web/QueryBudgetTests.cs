using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Fast without the output cache too (issue 16): with the cache off, each page type issues at most a small fixed
/// number of SQL commands — the catalogue comes from its in-memory snapshot, figures from the counter's memory — so
/// a national catalogue costs a list page no more queries than a provincial one.
/// </summary>
public sealed class QueryBudgetTests : IAsyncLifetime
{
    /// <summary>
    /// Counts the commands run on behalf of a request: the change feed's poll and the counter's flush run in the
    /// background on their own contexts, have no request, and are not the page's.
    /// </summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private readonly Microsoft.AspNetCore.Http.HttpContextAccessor _requests = new(); // reads the request of the current flow
        private int _count;
        public List<string> Texts { get; } = [];
        public int Count => Volatile.Read(ref _count);

        public void Reset()
        {
            Interlocked.Exchange(ref _count, 0);
            lock (Texts) Texts.Clear();
        }

        private void Seen(DbCommand command)
        {
            if (_requests.HttpContext is null) return;
            Interlocked.Increment(ref _count);
            lock (Texts) Texts.Add(command.CommandText);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Seen(command);
            return base.ReaderExecuting(command, eventData, result);
        }
    }

    private readonly CommandCounter _commands = new();
    private readonly PortalFactory _site;
    private HttpClient _reader = null!;

    public QueryBudgetTests()
    {
        _site = new PortalFactory
        {
            // The counter writes in the background every second; its commands are not the page's.
            Settings = { ["Portal:OutputCache:Enabled"] = "false", ["Portal:Traffic:Enabled"] = "false" },
            TestServices = services =>
            {
                services.AddHttpContextAccessor(); // so hosting records each request's context for the counter above
                // The context type the site registers for SQLite: options are per implementation type.
                services.ConfigureDbContext<PublicPortal.Web.Data.Sqlite.SqlitePortalDbContext>(o => o.AddInterceptors(_commands));
            },
        };
    }

    public Task InitializeAsync()
    {
        _reader = _site.CreateReader();
        _reader.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private Task<string> SlugAsync(ContentKind kind) => _site.FirstPublishedSlugAsync(kind);

    [Fact]
    public async Task Each_page_type_issues_at_most_a_few_sql_commands_without_the_output_cache()
    {
        var pages = new (string Url, int Budget)[]
        {
            ("/", 4),
            ("/tin-tuc", 3), ("/thong-bao", 3), ("/van-ban", 3), ("/chuong-trinh", 3),
            ("/lang-nghe", 3), ("/lang-nghe?ocop=1&du-lich=1", 3), ("/san-pham?sao=4", 3), ("/diem-den", 3), ("/tuyen-du-lich", 3),
            ("/tin-tuc/" + await SlugAsync(ContentKind.News), 3), ("/thong-bao/" + await SlugAsync(ContentKind.Announcement), 3),
            ("/van-ban/" + await SlugAsync(ContentKind.Document), 3), ("/chuong-trinh/" + await SlugAsync(ContentKind.Plan), 3),
            ("/lang-nghe/gom-binh-duc", 3), ("/san-pham/gom-cham-son-hoa", 3), ("/diem-den/" + await SlugAsync(ContentKind.Sight), 3),
            ("/tuyen-du-lich/" + await SlugAsync(ContentKind.Route), 3), ("/gioi-thieu", 3),
            ("/tim-kiem?q=gom", 3), ("/du-lieu-mo", 3), ("/api/villages", 3), ("/rss.xml", 3), ("/sitemap.xml", 3),
        };
        // Once, so that what is read once per process (the catalogue snapshot, stored figures, redirects, the media
        // library) is in memory; then each page again, counted alone.
        var first = new Dictionary<string, int>();
        foreach (var (url, _) in pages)
        {
            _commands.Reset();
            Assert.True((await _reader.GetAsync(url)).IsSuccessStatusCode, url);
            first[url] = _commands.Count;
        }
        var over = new List<string>();
        var counted = new Dictionary<string, int>();
        foreach (var (url, budget) in pages)
        {
            _commands.Reset();
            using var response = await _reader.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.IsSuccessStatusCode, url);
            Assert.False(response.Headers.Contains("Age"), $"{url} came from the output cache, which is off");
            counted[url] = _commands.Count;
            if (_commands.Count > budget) over.Add($"{url}: {_commands.Count} commands (budget {budget}):\n  " + string.Join("\n  ", _commands.Texts));
        }
        Assert.True(over.Count == 0, string.Join("\n", over));
        // Lists are kept in memory until the next change, so the first read is the one that shows the counter works.
        Assert.True(first["/tin-tuc"] >= 2, $"the counter saw {first["/tin-tuc"]} commands for a list's first read (a count and a page): it is not counting");
    }

    [Fact]
    public async Task An_edit_shows_on_the_next_uncached_request_of_a_catalogue_page()
    {
        // The catalogue snapshot is shared by every request; the change feed replaces it.
        Assert.Contains("Bình Đức", await _reader.GetStringAsync("/lang-nghe"), StringComparison.Ordinal);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var village = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Kind == ContentKind.Village && x.Slug == "gom-binh-duc");
            village.Title = "Làng gốm Bình Đức kiemchungdanhmuc";
            var outcome = await scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Content.ContentWriter>().SaveAsync(village, village.Id, village.Version, "bien-tap@example.vn");
            Assert.IsType<PublicPortal.Web.Features.Content.SaveOutcome.Saved>(outcome);
        }
        Assert.Contains("kiemchungdanhmuc", await _reader.GetStringAsync("/lang-nghe"), StringComparison.Ordinal);
        Assert.Contains("kiemchungdanhmuc", await _reader.GetStringAsync("/san-pham/gom-cham-son-hoa"), StringComparison.Ordinal);
        Assert.Contains("kiemchungdanhmuc", await _reader.GetStringAsync("/api/villages"), StringComparison.Ordinal);
    }
}
