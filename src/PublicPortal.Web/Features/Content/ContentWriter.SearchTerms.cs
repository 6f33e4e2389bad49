using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// The write path's search terms: synonyms and pinned results. Each change has its audit entry and a change record,
/// so every node's search follows it and cached results pages are dropped.
/// </summary>
public sealed partial class ContentWriter
{
    private const string SearchTermsSlug = "search-terms";

    /// <summary>Adds a group of synonyms; returns a Vietnamese message when it cannot.</summary>
    public async Task<string?> AddSynonymsAsync(string? input, string actor, CancellationToken cancellationToken = default)
    {
        var (terms, error) = SynonymPhrases.Parse(input);
        if (terms is null) return error;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockWritersAsync(cancellationToken);
        var existing = await db.SearchSynonyms.Select(s => s.Terms).ToListAsync(cancellationToken);
        if (existing.Count >= SearchInsightLimits.Groups) return $"Đã có {SearchInsightLimits.Groups} nhóm từ đồng nghĩa: hãy xóa bớt nhóm không còn cần.";
        var wanted = GroupKey(terms);
        if (existing.Any(e => GroupKey(e) == wanted)) return "Nhóm từ này đã có.";
        db.SearchSynonyms.Add(new SearchSynonym { Terms = terms, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = AuditLog.ClipActor(actor) });
        await CommitSearchTermsAsync(transaction, actor, $"Thêm từ đồng nghĩa: {terms}", cancellationToken);
        return null;
    }

    public async Task<bool> DeleteSynonymsAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockWritersAsync(cancellationToken);
        var synonyms = await db.SearchSynonyms.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        // Gone already (the button pressed twice): nothing to do, and no error.
        if (synonyms is null || await db.SearchSynonyms.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) == 0) return false;
        await CommitSearchTermsAsync(transaction, actor, $"Xóa từ đồng nghĩa: {synonyms.Terms}", cancellationToken);
        return true;
    }

    /// <summary>Puts a published item first for a query; returns a Vietnamese message when it cannot.</summary>
    public async Task<string?> PinAsync(string? query, int contentItemId, string actor, CancellationToken cancellationToken = default)
    {
        var text = VietnameseText.SingleSpaced(SearchIndex.Normalize(InputLimits.StripBidi(query ?? "")));
        var key = SearchTerms.KeyOf(text);
        if (key.Length == 0) return "Hãy viết từ khóa bạn đọc gõ.";
        if (text.Length > SearchInsightLimits.Query) return $"Từ khóa dài quá {SearchInsightLimits.Query} ký tự.";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockWritersAsync(cancellationToken);
        var item = await db.ContentItems.AsNoTracking().Where(x => x.Id == contentItemId).Select(x => new { x.Kind, x.Title, x.Status }).SingleOrDefaultAsync(cancellationToken);
        if (item is null || !SearchDocument.IndexedKinds.Contains(item.Kind)) return "Không có trang này trong nội dung được tìm kiếm.";
        if (item.Status != ContentStatus.Published) return $"“{item.Title}” chưa đăng: chỉ ghim được trang đã đăng.";
        var pins = await db.SearchPins.Where(p => p.Query == key).Select(p => p.ContentItemId).ToListAsync(cancellationToken);
        if (pins.Contains(contentItemId)) return $"“{item.Title}” đã được ghim cho từ khóa này.";
        if (pins.Count >= SearchInsightLimits.PinsPerQuery) return $"Mỗi từ khóa ghim được nhiều nhất {SearchInsightLimits.PinsPerQuery} trang.";
        if (await db.SearchPins.CountAsync(cancellationToken) >= SearchInsightLimits.Pins) return $"Đã có {SearchInsightLimits.Pins} kết quả được ghim: hãy bỏ bớt.";
        db.SearchPins.Add(new SearchPin { Query = key, Text = text, ContentItemId = contentItemId, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = AuditLog.ClipActor(actor) });
        await CommitSearchTermsAsync(transaction, actor, $"Ghim “{item.Title}” cho từ khóa “{text}”", cancellationToken);
        return null;
    }

    public async Task<bool> UnpinAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockWritersAsync(cancellationToken);
        var pin = await db.SearchPins.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pin is null || await db.SearchPins.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken) == 0) return false;
        await CommitSearchTermsAsync(transaction, actor, $"Bỏ ghim kết quả cho từ khóa “{pin.Text}”", cancellationToken);
        return true;
    }

    /// <summary>A group's phrases as a set, so "a = b" and "B = A" are the same group.</summary>
    private static string GroupKey(string terms) => string.Join('|', SynonymPhrases.Split(terms).Select(SearchTerms.KeyOf).Order(StringComparer.Ordinal));

    private async Task CommitSearchTermsAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string actor, string summary, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Audit(clock, actor, AuditActions.SearchTerms, summary, SearchTermsSlug);
        var change = new ChangeRecord { AtUtc = now, Slug = SearchTermsSlug, Change = ChangeKinds.SearchTerms, Actor = AuditLog.ClipActor(actor) };
        db.ChangeRecords.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ShownAsync(change, cancellationToken);
    }
}
