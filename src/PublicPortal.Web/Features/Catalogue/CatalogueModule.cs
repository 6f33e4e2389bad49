using Microsoft.Extensions.Options;
using System.Text.Json;
using System.Text.Json.Nodes;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>Open data (/api/…) and route downloads (.gpx, .geojson).</summary>
public static class CatalogueModule
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // Vietnamese as letters; not embedded in HTML
    };

    public static WebApplicationBuilder AddCatalogue(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CatalogueStore>();
        builder.Services.AddSingleton<Content.IChangeHandler, CatalogueChangeHandler>();
        builder.Services.AddScoped<CatalogueService>();
        builder.Services.AddOptions<OpenDataOptions>().BindConfiguration(OpenDataOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }

    public static IEndpointRouteBuilder MapCatalogue(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/tuyen-du-lich/{slug}.gpx", async (string slug, HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            if (c.Find(ContentKind.Route, slug) is not { } route) return Results.NotFound();
            var gpx = RouteExports.Gpx(route, RoutePlan.Of(route, c), BaseUrl(http));
            return Results.File(System.Text.Encoding.UTF8.GetBytes(gpx), "application/gpx+xml; charset=utf-8", $"{slug}.gpx");
        }).CacheOutput(new PublicCacheAttribute { ShowsCatalogue = true });
        endpoints.MapGet("/tuyen-du-lich/{slug}.geojson", async (string slug, HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            if (c.Find(ContentKind.Route, slug) is not { } route) return Results.NotFound();
            var json = RouteExports.GeoJson(route, RoutePlan.Of(route, c), BaseUrl(http)).ToJsonString(Json);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/geo+json; charset=utf-8", $"{slug}.geojson");
        }).CacheOutput(new PublicCacheAttribute { ShowsCatalogue = true });

        var api = endpoints.MapGroup("/api");
        api.MapGet("/villages", async (HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            var (filter, ignored) = VillageFilter.Read(http.Request.Query, c);
            return Respond(http, c, OpenData.Villages(filter.Apply(c), c, BaseUrl(http)), ignored, "villages");
        }).CacheOutput(OpenDataCache(VillageFilter.QueryKeys));
        api.MapGet("/products", async (HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            var (filter, ignored) = ProductFilter.Read(http.Request.Query, c);
            return Respond(http, c, OpenData.Products(filter.Apply(c), c, BaseUrl(http)), ignored, "products");
        }).CacheOutput(OpenDataCache(ProductFilter.QueryKeys));
        api.MapGet("/sights", async (HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            return Respond(http, c, OpenData.Sights(c.Sights, c, BaseUrl(http)), [], "sights");
        }).CacheOutput(OpenDataCache());
        api.MapGet("/routes", async (HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            return Respond(http, c, OpenData.Routes(c.Routes, c, BaseUrl(http)), [], "routes");
        }).CacheOutput(OpenDataCache());
        api.MapGet("/map.geojson", async (HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            Describe(http, c);
            return Results.Text(OpenData.MapGeoJson(c, BaseUrl(http)).ToJsonString(Json), "application/geo+json; charset=utf-8");
        }).CacheOutput(OpenDataCache(formats: false));
        api.MapGet("/catalog.json", async (HttpContext http, CatalogueService catalogue, IOptions<OpenDataOptions> options) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            Describe(http, c);
            return Results.Text(OpenDataCatalog.Catalog(c, options.Value, BaseUrl(http)).ToJsonString(Json), "application/ld+json; charset=utf-8");
        }).CacheOutput(OpenDataCache(formats: false));
        api.MapGet("/du-lieu-mo.zip", async (HttpContext http, CatalogueService catalogue, IOptions<OpenDataOptions> options) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            Describe(http, c);
            // Made once per catalogue change (and day), whoever asks: staff, who bypass the output cache, too.
            var zip = c.Memo("open-data-zip", () => OpenDataCatalog.Zip(c, options.Value, BaseUrl(http)));
            return Results.File(zip, "application/zip", "du-lieu-mo-lang-nghe-binh-thuan.zip");
        }).CacheOutput(OpenDataCache(formats: false));
        return endpoints;
    }

    /// <summary>
    /// Open data varies by its filters and <c>format</c> (only where a format can be chosen: elsewhere a made-up value
    /// would make a new entry each time), and every catalogue change evicts it.
    /// </summary>
    private static PublicCacheAttribute OpenDataCache(string filterKeys = "", bool formats = true) =>
        new(filterKeys, formats ? "format" : "") { ShowsCatalogue = true, Tags = [OutputCacheTags.OpenData] };

    /// <summary>
    /// Every dataset says when it last changed (so a harvester asks again with If-Modified-Since and gets 304) and under
    /// which licence it is published.
    /// </summary>
    private static void Describe(HttpContext http, CatalogueSnapshot c)
    {
        http.Response.Headers.LastModified = OpenDataCatalog.Http(c.BuiltUtc);
        var license = http.RequestServices.GetRequiredService<IOptions<OpenDataOptions>>().Value.LicenseUrl;
        http.Response.Headers.Link = $"<{license}>; rel=\"license\"";
    }

    private static IResult Respond(HttpContext http, CatalogueSnapshot c, IReadOnlyList<OrderedDictionary<string, object?>> rows, IReadOnlyList<string> ignored, string name)
    {
        Describe(http, c);
        var format = http.Request.Query["format"].ToString();
        if (ignored.Count > 0)
            return Results.Json(new { error = $"Tham số lọc không hợp lệ: {string.Join(", ", ignored)}" }, Json, statusCode: StatusCodes.Status400BadRequest);
        switch (format)
        {
            case "" or "json":
                return Results.Text(JsonSerializer.Serialize(rows, Json), "application/json; charset=utf-8");
            case "csv":
                var header = rows.Count > 0 ? rows[0].Keys.ToList() : [];
                return Results.File(OpenData.Csv(rows, header), "text/csv; charset=utf-8", $"{name}.csv");
            default:
                return Results.Json(new { error = "Tham số format chỉ nhận json hoặc csv." }, Json, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static string BaseUrl(HttpContext http) => Hosting.SiteUrls.OriginOf(http);
}
