using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Search;

/// <summary>
/// Two nodes on one PostgreSQL database and one Redis: a synonym an editor adds on one node changes the next search on
/// the other (the change feed), and both nodes' search counts add up in one report.
/// </summary>
public sealed class SearchTermsClusterTests : IAsyncLifetime
{
    private const string Merger = "/tin-tuc/hop-nhat-tinh-lam-dong-tu-1-7-2025";

    private readonly PortalFactory _first = new() { Provider = DatabaseProvider.PostgreSql, UseRedis = true };
    private PortalFactory _second = null!;

    public Task InitializeAsync()
    {
        _second = _first.NextNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task A_synonym_added_on_one_node_changes_search_on_the_other_and_counts_add_up()
    {
        var secondReader = SearchInsightTests.Reader(_second);
        Assert.NotEqual(Merger, SearchInsightTests.Results(await SearchInsightTests.SearchAsync(secondReader, "sáp nhập")).FirstOrDefault());

        var editor = await StaffClient.SignedInAsync(_first, "bien-tap@example.vn", PortalRoles.Editor);
        var response = await StaffClient.PostFormAsync(editor, "/quan-tri/tim-kiem?handler=Synonyms", new() { ["terms"] = "sáp nhập = hợp nhất" }, "/quan-tri/tim-kiem");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);

        // The other node hears of it from the feed (at its next poll at the latest); its cached answer is dropped too.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? first = null;
        while (first != Merger && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            first = SearchInsightTests.Results(await SearchInsightTests.SearchAsync(secondReader, "sáp nhập")).FirstOrDefault();
            if (first != Merger) await Task.Delay(100);
        }
        Assert.True(first == Merger, $"the second node still searched without the synonym {clock.Elapsed.TotalMilliseconds:N0} ms after it was added");

        await SearchInsightTests.SearchAsync(SearchInsightTests.Reader(_first), "Sáp nhập");
        await _first.Services.GetRequiredService<SearchLog>().FlushAsync();
        await _second.Services.GetRequiredService<SearchLog>().FlushAsync();
        await _first.WithDbAsync(async db =>
        {
            var row = await db.SearchQueryDays.SingleAsync(r => r.Query == "sap nhap");
            // One search before the synonym and at least one after on the second node, one on the first.
            Assert.True(row.Searches >= 3, $"{row.Searches} searches counted");
            Assert.True(row.Results > 0);
        });
    }
}
