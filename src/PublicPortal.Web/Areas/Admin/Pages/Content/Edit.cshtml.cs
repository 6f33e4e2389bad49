using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

[Features.Web.UploadLimits(1, DocumentFiles.MaxBytes)]
public sealed class EditModel(PortalDbContext db, ContentWriter editor, MarkdownRenderer markdown, TimeProvider clock, PortalPaths paths, Features.Media.MediaCatalog media, SiteSettings settings, TextChecks checks) : PageModel
{
    /// <summary>Library images that may be used (described, or decorative), to insert into the text or name as cover or photo.</summary>
    public IReadOnlyList<Features.Media.MediaInfo> Images => media.All().Values.Where(i => i.Usable).OrderBy(i => i.Alt ?? "", StringComparer.Ordinal).Take(100).ToList();

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "loai")] public string? KindFolder { get; set; }
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public bool Published { get; set; }
    [BindProperty] public DateTime PublishedAt { get; set; }

    /// <summary>When the item comes down by itself (Vietnam time); empty: it stays up.</summary>
    [BindProperty] public DateTime? UnpublishAt { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? TitleEn { get; set; }
    [BindProperty] public string? SummaryEn { get; set; }
    [BindProperty] public string? BodyEn { get; set; }
    /// <summary>The item's details as the raw YAML of its content file: only in the admins' advanced view.</summary>
    [BindProperty] public string? Extra { get; set; }

    /// <summary>The item's details, one form field each (<see cref="EditorSchema"/>).</summary>
    [BindProperty(Name = "Details")] public FrontMatterDto Details { get; set; } = new();

    /// <summary>The ticked boxes of several-of-a-list fields (a village's crafts), by <see cref="EditorDetails.ChoiceName"/>.</summary>
    [BindProperty(Name = "Chosen")] public Dictionary<string, bool> Chosen { get; set; } = [];

    /// <summary>The advanced view: details as YAML instead of fields. Admins only; anyone else always gets the fields.</summary>
    [BindProperty(SupportsGet = true, Name = "nang-cao")] public bool Raw { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<RouteStopInput> Stops { get; set; } = [];
    [BindProperty] public string? NewStop { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? Latitude { get; set; }
    [BindProperty] public string? Longitude { get; set; }
    [BindProperty] public bool PositionApproximate { get; set; }

    public bool RawAllowed => User.IsInRole(PortalRoles.Admin);

    public bool IsAuthor => ReviewGate.IsAuthor(User);

    /// <summary>What review asks of this user for this item (<see cref="ReviewGate"/>).</summary>
    public ReviewGate Gate { get; private set; } = ReviewGate.Open;

    public bool NeedsReview => Gate.NeedsReview;

    public string? Locked => Gate.Locked;

    /// <summary>Where the stored item stands in review, and the editor's comment when it was sent back.</summary>
    public ReviewState Review { get; private set; }
    public string? ReviewNote { get; private set; }

    /// <summary>What makes the text hard to read with a screen reader (skipped heading levels, "tại đây" links, tables without headers): shown, not refused.</summary>
    public List<string> Advice { get; private set; } = [];

    /// <summary>Links of this item to other sites that the link checker found broken: "“text” (address): what is wrong".</summary>
    public List<string> BrokenLinks { get; private set; } = [];


    public bool RawMode => Raw && RawAllowed;

    /// <summary>Villages and sights have a position, edited in its own fields (and by clicking the map when scripts run).</summary>
    public bool HasPosition => EditorFields.DetailsKey(Kind) is not null;

    /// <summary>
    /// The English fields are offered where the item has an English page, or already has English text (kept, not lost on save).
    /// </summary>
    public bool OffersEnglish => EnglishSite.HasEnglishPage(Kind, Slug)
        || !string.IsNullOrWhiteSpace(TitleEn) || !string.IsNullOrWhiteSpace(SummaryEn) || !string.IsNullOrWhiteSpace(BodyEn);

    /// <summary>What the form's lists offer (items, images, a route's stops).</summary>
    public EditorChoices Choices { get; private set; } = EditorChoices.None;

    public IReadOnlyList<(string Value, string Label)> Places => Choices.Places;

    public IReadOnlyList<(string Value, string Label)> OptionsFor(EditorField field, string? current) => Choices.OptionsFor(field, current);

    public ContentKind Kind { get; private set; } = ContentKind.News;
    public string? PreviewHtml { get; private set; }
    public string? PreviewHtmlEn { get; private set; }
    public SaveOutcome.Conflict? Conflict { get; private set; }
    public RevisionComparison? ConflictDiff { get; private set; }
    public string? Saved { get; private set; }
    public string? PublicUrl { get; private set; }

    /// <summary>Where the saved notice points: the public page once it is live, the private preview before.</summary>
    public string? SavedLinkText { get; private set; }
    public string? SavedLinkUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
            if (item is null) return NotFound();
            Fill(item);
            await ReviewRulesAsync(item.Status, item.Review, item.ReviewNote);
            await LoadChoicesAsync();
            BrokenLinks = await Features.Links.ExternalLinkReport.BrokenInAsync(db, id);
            if (Request.Query.ContainsKey("da-luu"))
            {
                SetSavedNotice(item);
                Advice = [.. checks.Advice(item.Body), .. checks.Advice(item.BodyEn)];
            }
            return Page();
        }
        if (ContentKinds.FromFolder(KindFolder ?? "") is not { } kind) return NotFound();
        Kind = kind.Kind;
        await ReviewRulesAsync(ContentStatus.Draft, ReviewState.None, null);
        EditorDetails.Tidy(Details, Kind);
        await LoadChoicesAsync();
        PublishedAt = VietnamTime.ToOffset(clock.GetUtcNow().UtcDateTime).DateTime;
        PublishedAt = PublishedAt.AddTicks(-(PublishedAt.Ticks % TimeSpan.TicksPerMinute));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? preview, string? stop, string? group, string? submit)
    {
        if (!await ResolveKindAsync()) return NotFound();
        await LoadChoicesAsync();
        // Shown again with the form when a save is refused or previewed: the link checker's findings stand.
        if (Id is { } existing) BrokenLinks = await Features.Links.ExternalLinkReport.BrokenInAsync(db, existing);
        if (!RawMode)
        {
            EditorDetails.ApplyChoices(Details, Kind, Chosen);
            foreach (var row in EditorDetails.EmptyRows(Details, Kind).Select(r => EditorDetails.FormName(r) + ".").ToList())
                foreach (var key in ModelState.Keys.Where(k => k.StartsWith(row, StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        }
        if ((Kind == ContentKind.Route && stop is not null) || (group is not null && !RawMode))
        {
            // Add, remove and reorder stops and rows with plain buttons (no JavaScript needed); nothing is saved until "Lưu".
            if (stop is null) EditorDetails.Act(Details, Kind, group!);
            else if (RouteStopInput.Change(Stops, stop, NewStop, Places)) NewStop = null;
            ModelState.Clear();
            return Page();
        }
        var slug = string.IsNullOrWhiteSpace(Slug) ? VietnameseText.Slugify(Title ?? "") : Slug.Trim();
        if (string.IsNullOrWhiteSpace(Title)) ModelState.AddModelError(nameof(Title), "Hãy nhập tiêu đề.");
        else if (!VietnameseText.IsValidSlug(slug)) ModelState.AddModelError(nameof(Slug), $"Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ “{VietnameseText.Slugify(slug)}”).");
        // An English version is whole or absent: the English page never shows half a translation.
        var anyEnglish = !string.IsNullOrWhiteSpace(SummaryEn) || !string.IsNullOrWhiteSpace(BodyEn);
        if (anyEnglish && string.IsNullOrWhiteSpace(TitleEn))
            ModelState.AddModelError(nameof(TitleEn), "Hãy nhập tiêu đề tiếng Anh, hoặc để trống cả ba ô tiếng Anh nếu chưa có bản dịch.");
        else if (!anyEnglish && !string.IsNullOrWhiteSpace(TitleEn))
            ModelState.AddModelError(nameof(SummaryEn), "Bản tiếng Anh cần tóm tắt hoặc nội dung, không chỉ tiêu đề.");
        if (Kind == ContentKind.Document && Upload is { Length: > 0 } && ModelState.IsValid)
        {
            // The file is checked and stored first; the item then points at it (a refused save leaves only an unused file).
            // The form buffered it to disk: a too-large one never comes into memory.
            if (Upload.Length > DocumentFiles.MaxBytes)
            {
                ModelState.AddModelError(nameof(Upload), $"Tệp lớn hơn {DocumentFiles.MaxBytes / 1024 / 1024} MB.");
            }
            else
            {
                var content = new byte[Upload.Length];
                await using (var stream = Upload.OpenReadStream()) await stream.ReadExactlyAsync(content);
                var (extension, error) = DocumentFiles.Identify(content, Upload.FileName);
                if (error is not null) ModelState.AddModelError(nameof(Upload), error);
                else
                {
                    var stored = await DocumentFiles.StoreAsync(paths, slug, extension!, content);
                    if (RawMode) Extra = EditorFields.WithValue(Extra, "attachment", stored);
                    else Details.Attachment = stored;
                }
            }
        }
        GeoPoint? position = null;
        if (HasPosition && !EditorFields.TryReadPosition(Latitude, Longitude, PositionApproximate, out position, out var positionError))
        {
            ModelState.AddModelError(nameof(Latitude), positionError!);
        }
        ContentItem? item = null;
        if (ModelState.IsValid)
        {
            try
            {
                var publishedUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(PublishedAt, DateTimeKind.Unspecified), VietnamTime.Zone);
                var stops = Stops.Select(s => s.ToStop()).OfType<RouteStop>().ToList();
                DateTime? unpublishUtc = UnpublishAt is { } until ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(until, DateTimeKind.Unspecified), VietnamTime.Zone) : null;
                if (unpublishUtc <= publishedUtc)
                    throw new ContentFormatException("'unpublish' must be after 'published'");
                if (Published && unpublishUtc <= clock.GetUtcNow().UtcDateTime)
                    throw new ContentFormatException("'unpublish' has passed");
                if (RawMode)
                {
                    var extra = Kind == ContentKind.Route ? EditorFields.WithStops(Extra, stops)
                        : HasPosition ? EditorFields.WithLocation(Extra, Kind, position)
                        : Extra;
                    item = EditorFields.Compose(Kind, Title!.Trim(), slug, Summary, Published, publishedUtc, Body, extra, new(TitleEn, SummaryEn, BodyEn), unpublishUtc);
                }
                else
                {
                    EditorDetails.Tidy(Details, Kind);
                    if (Kind == ContentKind.Plan) await KeepIndicatorFiguresAsync();
                    EditorFields.Place(Details, Kind, position, stops);
                    item = EditorFields.Compose(Kind, Title!.Trim(), slug, Summary, Published, publishedUtc, Body, Details, new(TitleEn, SummaryEn, BodyEn), unpublishUtc);
                }
            }
            catch (ContentFormatException ex)
            {
                var (field, message) = ex.Message.StartsWith("'unpublish'", StringComparison.Ordinal)
                    ? (nameof(UnpublishAt), ex.Message.Contains("passed", StringComparison.Ordinal)
                        ? "Thời điểm gỡ xuống đã qua: hãy chọn một thời điểm sau này, hoặc để trống."
                        : "Thời điểm gỡ xuống phải sau thời điểm đăng.")
                    : RawMode ? (nameof(Extra), $"Thông tin chi tiết chưa hợp lệ: {ex.Message}") : EditorProblems.Explain(Kind, ex.Message);
                ModelState.AddModelError(field, message);
            }
        }
        if (item is null) return Page();
        if (preview is not null)
        {
            Advice = [.. checks.Advice(item.Body), .. checks.Advice(item.BodyEn)];
            // The public site's own pipeline: what the preview shows is what will be published.
            if (markdown.TryToSafeHtml(item.Body, out var html) is { } problem) ModelState.AddModelError(nameof(Body), problem);
            else PreviewHtml = html;
            if (item.BodyEn is not null)
            {
                if (markdown.TryToSafeHtml(item.BodyEn, out var english) is { } problemEn) ModelState.AddModelError(nameof(BodyEn), problemEn);
                else PreviewHtmlEn = english;
            }
            return Page();
        }

        if (Locked is not null)
        {
            ModelState.AddModelError("", Locked);
            return Page();
        }
        string? action = null;
        if (NeedsReview)
        {
            // An author never publishes what needs review: the item stays a draft, sent to the editors or kept aside.
            item.Status = ContentStatus.Draft;
            (item.Review, item.ReviewNote, action) = submit is not null ? (ReviewState.Submitted, (string?)null, AuditActions.Submit) : (Review, ReviewNote, (string?)null);
        }
        else
        {
            // An editor's publish settles any review; a draft keeps where it stood.
            (item.Review, item.ReviewNote) = item.Status == ContentStatus.Published ? (ReviewState.None, null) : (Review, ReviewNote);
        }

        SaveOutcome outcome;
        try
        {
            outcome = await editor.SaveAsync(item, Id, Version, User.Identity?.Name ?? "?", action);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or IOException)
        {
            // A full or read-only disk: the transaction rolled back, the previous version stands, the editor's text is still in the form.
            ModelState.AddModelError("", "Không lưu được vì máy chủ không ghi được dữ liệu (ổ đĩa đầy hoặc chỉ đọc). Phiên bản trước vẫn giữ nguyên; nội dung bạn viết vẫn còn trong biểu mẫu. Hãy thử lại sau hoặc báo quản trị hệ thống.");
            return Page();
        }
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                return Redirect($"{SiteLinks.Admin.Edit(saved.Id)}?da-luu=1");
            case SaveOutcome.Conflict conflict:
                Conflict = conflict;
                ConflictDiff = RevisionDiff.Compare(conflict.TheirSnapshot, EditorFields.Snapshot(item));
                Version = conflict.TheirVersion; // a second save, after reading the differences, keeps this editor's text
                ModelState.Remove(nameof(Version));
                return Page();
            case SaveOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors) ModelState.AddModelError(field, message);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>The editor's live preview: the Markdown through the public site's pipeline (sanitised HTML fragment).</summary>
    public IActionResult OnPostRender() => markdown.TryToSafeHtml(Body, out var html) is { } problem
        ? Content("<p class=\"notice\">" + System.Net.WebUtility.HtmlEncode(problem) + "</p>", "text/html; charset=utf-8")
        : Content(html, "text/html; charset=utf-8");

    private async Task<bool> ResolveKindAsync()
    {
        if (Id is { } id)
        {
            var current = await db.ContentItems.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Kind, x.Slug, x.Status, x.Review, x.ReviewNote }).SingleOrDefaultAsync();
            if (current is null) return false;
            Kind = current.Kind;
            PublicUrl = SiteLinks.Item(current.Kind, current.Slug);
            await ReviewRulesAsync(current.Status, current.Review, current.ReviewNote);
            return true;
        }
        if (ContentKinds.FromFolder(KindFolder ?? "") is not { } kind) return false;
        Kind = kind.Kind;
        await ReviewRulesAsync(ContentStatus.Draft, ReviewState.None, null);
        return true;
    }

    private async Task ReviewRulesAsync(ContentStatus status, ReviewState review, string? note)
    {
        (Review, ReviewNote) = (review, note);
        Gate = await ReviewGate.ForAsync(User, Kind, status, review, settings);
    }

    private async Task LoadChoicesAsync() => Choices = await EditorChoices.LoadAsync(db, media, Kind);

    /// <summary>A plan's yearly figures are the figures page's: a save here keeps the stored ones (<see cref="EditorDetails.KeepIndicatorFigures"/>).</summary>
    private async Task KeepIndicatorFiguresAsync()
    {
        var stored = Id is { } id ? await db.ContentItems.AsNoTracking().Where(x => x.Id == id).Select(x => x.Targets).SingleOrDefaultAsync() : null;
        EditorDetails.KeepIndicatorFigures(Details, stored ?? []);
    }

    /// <summary>A draft or a scheduled item is still 404 on the site: say when it goes out and offer the private preview instead.</summary>
    private void SetSavedNotice(ContentItem item)
    {
        var preview = SiteLinks.Admin.Preview(item.Id);
        if (item.Review == ReviewState.Submitted)
            (Saved, SavedLinkText, SavedLinkUrl) = ("Đã gửi duyệt. Biên tập viên sẽ đăng, hoặc trả lại kèm góp ý.", "Xem trước", preview);
        else if (item.Status == ContentStatus.Draft)
            (Saved, SavedLinkText, SavedLinkUrl) = ("Đã lưu bản nháp (chưa đăng).", "Xem trước", preview);
        else if (item.PublishedAtUtc > clock.GetUtcNow().UtcDateTime)
            (Saved, SavedLinkText, SavedLinkUrl) = ($"Đã lưu. Sẽ đăng lúc {VietnamTime.ToOffset(item.PublishedAtUtc).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}.", "Xem trước", preview);
        else
            (Saved, SavedLinkText, SavedLinkUrl) = ("Đã lưu.", PublicUrl is null ? null : "Xem trên cổng", PublicUrl);
    }

    private void Fill(ContentItem item)
    {
        Kind = item.Kind;
        Title = item.Title;
        Slug = item.Slug;
        Summary = item.Summary;
        Published = item.Status == ContentStatus.Published;
        PublishedAt = VietnamTime.ToOffset(item.PublishedAtUtc).DateTime;
        UnpublishAt = item.UnpublishAtUtc is { } until ? VietnamTime.ToOffset(until).DateTime : null;
        Body = item.Body;
        (TitleEn, SummaryEn, BodyEn) = (item.TitleEn, item.SummaryEn, item.BodyEn);
        Extra = EditorFields.ExtraYaml(item);
        Details = ContentItemMapper.ToDto(item);
        Stops = item.Route?.Stops.Select(RouteStopInput.From).ToList() ?? [];
        if ((item.Village?.Location ?? item.Sight?.Location) is { } point)
        {
            Latitude = point.Latitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
            Longitude = point.Longitude.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
            PositionApproximate = point.Approximate;
        }
        Version = item.Version;
        PublicUrl = SiteLinks.Item(item.Kind, item.Slug);
    }

}
