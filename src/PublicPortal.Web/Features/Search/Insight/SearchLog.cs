using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Counts the queries readers type, per day and query, in memory; <see cref="FlushAsync"/> adds the counts to the
/// database (n = n + delta, so several nodes add up). Nothing about who searched is kept, and a query that looks like
/// personal data (an e-mail address, a phone or ID number) is not kept at all.
/// </summary>
// The container disposes singletons before the last flush at stop (SearchLogFlusher.StopAsync) may run: the semaphore
// is never disposed, as it outlives every user of it (as TrafficCounter's).
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore outlives every user of it.")]
public sealed partial class SearchLog(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SearchLog> logger)
{
    /// <summary>Distinct queries held between two writes; beyond it a flood of made-up queries is not counted.</summary>
    public const int MaxPending = 5_000;

    /// <summary>Kept for a year and a month, so a month can be compared with the same month a year before.</summary>
    public const int KeepDays = 400;

    /// <summary>
    /// Words searched fewer times than this in a day are dropped once the day is over, and the report shows only words
    /// searched at least this often: what one person typed once (a name) is not kept or shown.
    /// </summary>
    public const int MinSearches = 2;

    private sealed class Pending
    {
        public required string Text { get; set; }
        public int Searches { get; set; }
        public int Results { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<(DateOnly Day, string Query), Pending> _pending = [];
    private DateOnly _prunedOn;

    /// <summary>Counts one search; false when it is not kept (empty, too long, personal, or too many distinct queries pending).</summary>
    public bool Record(string? query, int results)
    {
        var text = VietnameseText.SingleSpaced(SearchIndex.Normalize(query).ToLower(VietnameseText.Culture));
        if (!IsKept(text)) return false;
        var key = SearchTerms.KeyOf(text);
        var day = VietnamTime.DayOf(clock.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            if (!_pending.TryGetValue((day, key), out var entry))
            {
                if (_pending.Count >= MaxPending) return false;
                _pending[(day, key)] = entry = new Pending { Text = text };
            }
            entry.Text = text;
            entry.Searches++;
            entry.Results = Math.Max(0, results);
            return true;
        }
    }

    /// <summary>Whether a query may be kept: a few words, and nothing that could say who typed it.</summary>
    public static bool IsKept(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Compatibility forms first: a full-width "＠" or "０９０３" is an e-mail address or a phone number too.
        var plain = text.Normalize(System.Text.NormalizationForm.FormKC);
        return text.Length is > 0 and <= SearchInsightLimits.Query && !plain.Contains('@', StringComparison.Ordinal) && !LongNumber().IsMatch(plain);
    }

    /// <summary>Seven digits or more, also written with spaces, dots or dashes between groups (0903 123 456): phone, ID and account numbers.</summary>
    [GeneratedRegex(@"\d(?:[\s.\-]?\d){6,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();

    /// <summary>Adds what is pending to the database in one transaction; on failure it is put back for the next time.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            Dictionary<(DateOnly Day, string Query), Pending> batch;
            lock (_gate)
            {
                batch = _pending;
                _pending = [];
            }
            var today = VietnamTime.DayOf(clock.GetUtcNow().UtcDateTime);
            if (batch.Count == 0 && _prunedOn == today) return;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var ((day, query), entry) in batch)
                {
                    var updated = await db.SearchQueryDays.Where(x => x.Day == day && x.Query == query).ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.Searches, x => x.Searches + entry.Searches)
                        .SetProperty(x => x.Results, entry.Results)
                        .SetProperty(x => x.Text, entry.Text), cancellationToken);
                    if (updated == 0) db.SearchQueryDays.Add(new SearchQueryDay { Day = day, Query = query, Text = entry.Text, Searches = entry.Searches, Results = entry.Results });
                }
                if (_prunedOn != today)
                {
                    var before = today.AddDays(-KeepDays);
                    await db.SearchQueryDays.Where(x => x.Day < before || x.Day < today && x.Searches < MinSearches).ExecuteDeleteAsync(cancellationToken);
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                _prunedOn = today;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Another node added the same day's row first, or the database is away: try again next time with the counts merged back.
                logger.LogWarning(ex, "Search log: {Count} queries could not be written; retrying", batch.Count);
                PutBack(batch);
            }
            catch (OperationCanceledException)
            {
                PutBack(batch);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private void PutBack(Dictionary<(DateOnly Day, string Query), Pending> batch)
    {
        lock (_gate)
        {
            foreach (var (key, entry) in batch)
            {
                if (_pending.TryGetValue(key, out var newer))
                {
                    // Counted since the batch was taken: the newer text and results stand, the counts add.
                    newer.Searches += entry.Searches;
                }
                else if (_pending.Count < MaxPending)
                {
                    _pending[key] = entry;
                }
            }
        }
    }
}
