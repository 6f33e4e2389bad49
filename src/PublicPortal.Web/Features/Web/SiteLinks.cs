using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// Every address the pages link to or redirect to, in one place: items and lists come from <see cref="ContentKinds"/>
/// (the same prefixes the item pages' routes, search, feeds and redirects use), fixed pages are named once here.
/// Static, so views, page models and tests use it without a registration.
/// </summary>
public static class SiteLinks
{
    public const string Home = "/";
    public const string Search = "/tim-kiem";
    public const string OpenData = "/du-lieu-mo";
    public const string TrafficNotes = "/so-lieu-truy-cap";
    public const string Rss = "/rss.xml";
    public const string Sitemap = "/sitemap.xml";
    public const string SignIn = "/dang-nhap";
    public const string SignInTwoFactor = "/dang-nhap/xac-thuc";

    /// <summary>Editor-written top-level pages (kind Page): their address is their slug.</summary>
    public const string AboutSlug = "gioi-thieu";
    public const string ContactSlug = "lien-he";
    public const string ComplianceSlug = "tuan-thu";
    public const string AccessibilitySlug = "tiep-can";
    public static string About => Item(ContentKind.Page, AboutSlug);
    public static string Contact => Item(ContentKind.Page, ContactSlug);
    public static string Compliance => Item(ContentKind.Page, ComplianceSlug);
    public static string Accessibility => Item(ContentKind.Page, AccessibilitySlug);

    /// <summary>Readers' word on a page: "was this page useful?" and "report a problem on this page".</summary>
    public const string Feedback = "/gop-y-trang";

    public static string PageFeedback(string pagePath) => Feedback + QueryString.Create("trang", pagePath);

    /// <summary>The HTML sitemap: every section and item, for readers (/sitemap.xml is for crawlers).</summary>
    public const string SiteMapPage = "/so-do-trang";

    public static string Item(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return ContentKinds.UrlOf(item.Kind, item.Slug);
    }

    public static string Item(ContentKind kind, string slug) => ContentKinds.UrlOf(kind, slug);

    /// <summary>The list page of a kind (/tin-tuc, /lang-nghe…); kinds shown only inside others (pages, localities, crafts) have none.</summary>
    public static string List(ContentKind kind)
    {
        var prefix = ContentKinds.Of(kind).RoutePrefix;
        if (prefix.Length == 0) throw new ArgumentException($"{kind} has no list page.", nameof(kind));
        return prefix;
    }

    /// <summary>Page n of a paginated list (?page=n, as the pager writes it); page 1 is the list itself.</summary>
    public static string ListPage(ContentKind kind, int page) =>
        page > 1 ? $"{List(kind)}?page={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : List(kind);

    public static string SearchFor(string words) => Search + QueryString.Create("q", words);

    /// <summary>The search page with these query parameters (filters, words), in the order given.</summary>
    public static string SearchWith(IEnumerable<KeyValuePair<string, string?>> query) => Search + QueryString.Create(query);

    public static string PlanProgress(string planSlug) => Item(ContentKind.Plan, planSlug) + "/tien-do";
    public static string DocumentFile(string documentSlug) => Item(ContentKind.Document, documentSlug) + "/tai-ve";
    public static string RouteGpx(string routeSlug) => Item(ContentKind.Route, routeSlug) + ".gpx";
    public static string RouteGeoJson(string routeSlug) => Item(ContentKind.Route, routeSlug) + ".geojson";
    public static string ProductEnquiry(string productSlug) => Item(ContentKind.Product, productSlug) + "/hoi-mua";
    /// <summary>Every event with a known day, as an iCalendar feed calendar apps subscribe to.</summary>
    public const string EventsCalendar = "/su-kien.ics";

    /// <summary>One event as an iCalendar file ("add to my calendar").</summary>
    public static string EventCalendar(string eventSlug) => Item(ContentKind.Event, eventSlug) + ".ics";

    /// <summary>The events at one village or sight, as a feed of their own.</summary>
    public static string PlaceCalendar(ContentItem place) => Item(place) + "/su-kien.ics";

    public static string ProductLabel(string productSlug) => Item(ContentKind.Product, productSlug) + "/nhan-qr";

    /// <summary>A product's QR label address: short, and the same whatever the product's address becomes.</summary>
    public static string ProductCheck(string code) => "/q/" + code;

    /// <summary>Open data endpoints (Features/Catalogue), linked from the open data page.</summary>
    public static class Api
    {
        public const string Villages = "/api/villages";
        public const string Products = "/api/products";
        public const string Sights = "/api/sights";
        public const string Routes = "/api/routes";
        public const string Map = "/api/map.geojson";
        public static string PlanProgress(string planSlug) => $"/api/chuong-trinh/{planSlug}/tien-do";
    }

    /// <summary>The admin area (/quan-tri), linked from its navigation and its pages.</summary>
    public static class Admin
    {
        public const string Home = "/quan-tri";
        public const string Content = "/quan-tri/noi-dung";
        public const string Media = "/quan-tri/thu-vien-anh";
        public const string Enquiries = "/quan-tri/hoi-mua";
        public const string Feedback = "/quan-tri/gop-y";
        public const string Analytics = "/quan-tri/thong-ke";
        public const string Users = "/quan-tri/nguoi-dung";
        public const string Audit = "/quan-tri/nhat-ky";
        public const string Backup = "/quan-tri/sao-luu";
        public const string Password = "/quan-tri/mat-khau";
        public const string TwoFactor = "/quan-tri/xac-thuc-hai-lop";
        public const string Review = "/quan-tri/duyet";
        public const string Messages = "/quan-tri/hop-thu";
        public const string SearchInsight = "/quan-tri/tim-kiem";
        public const string Links = "/quan-tri/lien-ket";

        /// <summary>The editor with no item yet (its render handler previews Markdown for any item).</summary>
        public const string New = Content + "/sua";

        /// <summary>The editor for a new item of the kind stored in this folder (news, villages…).</summary>
        public static string Create(string kindFolder) => $"{New}?loai={kindFolder}";
        public static string Edit(int id) => $"{New}/{id}";
        public static string History(int id) => $"{Content}/lich-su/{id}";
        public static string Preview(int id) => $"{Content}/xem/{id}";
        public static string Delete(int id) => $"{Content}/xoa/{id}";
        public static string Figures(int planId) => $"/quan-tri/chuong-trinh/so-lieu/{planId}";
    }
}
