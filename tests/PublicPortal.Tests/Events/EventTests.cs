using System.Net;
using System.Text.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace PublicPortal.Tests.Events;

/// <summary>
/// Events and festivals as a visitor and a calendar app meet them: the list (upcoming first, then past by year), an
/// event's page with its time in its own zone and schema.org Event, its village's and sight's pages, and iCalendar feeds
/// that a calendar parses; and as an editor enters them: Vietnamese messages for dates the form cannot read.
/// The test clock stands at 28/11/2026, 10:00 in Vietnam.
/// </summary>
public sealed class EventTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _factory.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task CreateEventAsync(string slug, string title, EventDetails details, ContentStatus status = ContentStatus.Published)
    {
        var outcome = await _factory.CreateAsync(new ContentItem
        {
            Kind = ContentKind.Event, Slug = slug, Title = title, Summary = "Tóm tắt " + title, Body = "Nội dung sự kiện.",
            Status = status, PublishedAtUtc = new DateTime(2026, 11, 1, 1, 0, 0, DateTimeKind.Utc), Event = details,
            Sources = [new SourceRef { Title = "Nguồn thử" }],
        });
        Assert.IsType<SaveOutcome.Saved>(outcome);
    }

    /// <summary>An evening fair at Bình Đức (3 weeks on), a festival known only to its month, and a cancelled one.</summary>
    private async Task<string> SeedUpcomingAsync()
    {
        var village = await _factory.FirstPublishedSlugAsync(ContentKind.Village);
        await CreateEventAsync("cho-dem-gom", "Chợ đêm gốm", new EventDetails
        {
            StartDate = new DateOnly(2026, 12, 20), StartTime = new TimeOnly(19, 0), EndTime = new TimeOnly(22, 0),
            Village = village, Organiser = "Hội làng nghề",
        });
        await CreateEventAsync("le-hoi-thang-gieng", "Lễ hội tháng Giêng", new EventDetails
        {
            StartDate = new DateOnly(2027, 1, 1), Precision = DatePrecision.Month, Village = village,
        });
        await CreateEventAsync("hoi-cho-bi-huy", "Hội chợ bị hủy", new EventDetails
        {
            StartDate = new DateOnly(2026, 12, 5), EndDate = new DateOnly(2026, 12, 7), Address = "Quảng trường Phan Thiết", State = EventState.Cancelled,
        });
        return village;
    }

    private static List<string> Titles(AngleSharp.Dom.IElement? section) =>
        section!.QuerySelectorAll(".event-item h3 a, .event-item h4 a").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task The_list_shows_upcoming_events_soonest_first_then_past_ones_by_year_and_an_event_moves_to_the_past_when_it_is_over()
    {
        await SeedUpcomingAsync();
        var (response, _, page) = await Html.GetAsync(_reader, "/su-kien");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upcoming = page.QuerySelector("section[aria-labelledby=sap-dien-ra]");
        Assert.Equal(["Hội chợ bị hủy", "Chợ đêm gốm", "Lễ hội tháng Giêng"], Titles(upcoming));
        var when = upcoming!.QuerySelectorAll(".event-when time").Select(t => (t.GetAttribute("datetime"), t.TextContent)).ToList();
        Assert.Equal(("2026-12-05", "05–07/12/2026"), when[0]);
        Assert.Equal(("2026-12-20T19:00:00+07:00", "19:00–22:00, 20/12/2026"), when[1]);
        Assert.Equal(("2027-01", "tháng 1/2027"), when[2]); // the month only: no day is made up
        Assert.Contains("Đã hủy", upcoming.QuerySelectorAll(".event-item")[0].TextContent);

        // Past events by year, latest year first; the seeded ceremony of 15/11/2024 is among them.
        var past = page.QuerySelector("section[aria-labelledby=da-dien-ra]")!;
        var years = past.QuerySelectorAll("h3").Select(h => h.TextContent).ToList();
        Assert.Equal(years.OrderByDescending(y => y, StringComparer.Ordinal), years);
        Assert.Contains("Năm 2024", years);
        Assert.Contains(past.QuerySelectorAll("time"), t => t.GetAttribute("datetime") == "2024-11-15");

        // A month on, the fair of 20/12 is over; the January festival is still to come (its month has not ended).
        // The output cache keeps time by the real clock: the list's copy, which ends at midnight in real life
        // (PublicCacheAttribute.LifetimeAt), is ended here as midnight would.
        await _factory.AdvanceClockAsync(TimeSpan.FromDays(30));
        await _factory.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(OutputCacheTags.Kind(ContentKind.Event), default);
        page = (await Html.GetAsync(_reader, "/su-kien")).Document;
        Assert.Equal(["Lễ hội tháng Giêng"], Titles(page.QuerySelector("section[aria-labelledby=sap-dien-ra]")));
        Assert.Contains("Chợ đêm gốm", Titles(page.QuerySelector("section[aria-labelledby=da-dien-ra]")));
    }

    [Fact]
    public async Task An_event_page_gives_its_time_place_and_organiser_and_describes_itself_as_a_schema_org_Event()
    {
        var village = await SeedUpcomingAsync();
        var (response, _, page) = await Html.GetAsync(_reader, "/su-kien/cho-dem-gom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("19:00–22:00, 20/12/2026", facts);
        Assert.Contains("Hội làng nghề", facts);
        Assert.Contains(page.QuerySelectorAll("dl.facts a"), a => a.GetAttribute("href") == "/lang-nghe/" + village);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/su-kien/cho-dem-gom.ics");

        using var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var e = json.RootElement;
        Assert.Equal("Event", e.GetProperty("@type").GetString());
        Assert.Equal("Chợ đêm gốm", e.GetProperty("name").GetString());
        Assert.Equal("2026-12-20T19:00:00+07:00", e.GetProperty("startDate").GetString());
        Assert.Equal("2026-12-20T22:00:00+07:00", e.GetProperty("endDate").GetString());
        Assert.Equal("https://schema.org/EventScheduled", e.GetProperty("eventStatus").GetString());
        Assert.Equal("Place", e.GetProperty("location").GetProperty("@type").GetString());
        Assert.Equal("Hội làng nghề", e.GetProperty("organizer").GetProperty("name").GetString());

        // A cancelled event says so, to people and to search engines.
        page = (await Html.GetAsync(_reader, "/su-kien/hoi-cho-bi-huy")).Document;
        Assert.Contains("Đã hủy", page.QuerySelector(".event-state")!.TextContent);
        using var cancelled = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("https://schema.org/EventCancelled", cancelled.RootElement.GetProperty("eventStatus").GetString());
        Assert.Equal("2026-12-07", cancelled.RootElement.GetProperty("endDate").GetString());

        // Known only to the month: the page says so and offers no calendar file with a made-up day.
        page = (await Html.GetAsync(_reader, "/su-kien/le-hoi-thang-gieng")).Document;
        Assert.Contains("chưa rõ ngày cụ thể", page.QuerySelector("dl.facts")!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")?.EndsWith(".ics", StringComparison.Ordinal) == true && a.GetAttribute("href")!.Contains("thang-gieng", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/su-kien/le-hoi-thang-gieng.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/su-kien/khong-co-su-kien-nay")).StatusCode);
    }

    [Fact]
    public async Task An_editor_cancels_an_event_and_its_page_its_place_and_every_calendar_say_so()
    {
        var village = await SeedUpcomingAsync();
        var id = 0;
        await _factory.WithDbAsync(async db => id = await db.ContentItems.Where(x => x.Kind == ContentKind.Event && x.Slug == "cho-dem-gom").Select(x => x.Id).SingleAsync());
        Assert.IsType<SaveOutcome.Saved>(await _factory.EditAsync(id, i =>
        {
            i.Event = new EventDetails { StartDate = new DateOnly(2026, 12, 21), StartTime = new TimeOnly(18, 30), Village = village, State = EventState.Cancelled };
            return i;
        }));

        var page = (await Html.GetAsync(_reader, "/su-kien/cho-dem-gom")).Document;
        Assert.Contains("Đã hủy", page.QuerySelector(".event-state")!.TextContent);
        Assert.Contains("18:30, 21/12/2026", page.QuerySelector("dl.facts")!.TextContent);
        var onVillage = (await Html.GetAsync(_reader, "/lang-nghe/" + village)).Document.QuerySelector("section[aria-labelledby=su-kien]")!;
        Assert.Contains("21/12/2026", onVillage.TextContent);
        var fair = Calendar.Load(await _reader.GetStringAsync("/su-kien.ics"))!.Events.Single(e => e.Url!.ToString().EndsWith("/su-kien/cho-dem-gom", StringComparison.Ordinal));
        Assert.Equal("CANCELLED", fair.Status);
        Assert.Equal(new DateTime(2026, 12, 21, 11, 30, 0, DateTimeKind.Utc), fair.DtStart!.AsUtc);
        Assert.True(fair.Sequence >= 2, "a calendar app takes the newer version");

        // Stored as saved, not only shown: the file an export writes says it too.
        await _factory.WithDbAsync(async db =>
        {
            var stored = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == id);
            Assert.Equal((EventState.Cancelled, new DateOnly(2026, 12, 21)), (stored.Event!.State, stored.Event.StartDate));
            Assert.Contains("status: cancelled", FrontMatter.Write(stored), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_event_known_only_to_its_month_is_never_said_to_be_on_the_first()
    {
        await CreateEventAsync("hoi-cho-thang-nay", "Hội chợ trong tháng", new EventDetails { StartDate = new DateOnly(2026, 11, 1), Precision = DatePrecision.Month, Address = "Phan Thiết" });
        await CreateEventAsync("ngay-30", "Sự kiện ngày 30", new EventDetails { StartDate = new DateOnly(2026, 11, 30), Address = "Phan Thiết" });
        var page = (await Html.GetAsync(_reader, "/su-kien/hoi-cho-thang-nay")).Document;
        Assert.Contains("Trong tháng này, chưa rõ ngày", page.QuerySelector(".article-header")!.TextContent);
        Assert.Contains("tháng 11/2026", page.QuerySelector("dl.facts")!.TextContent);
        // After the events of known days in its month, not before them on the 1st.
        var upcoming = Titles((await Html.GetAsync(_reader, "/su-kien")).Document.QuerySelector("section[aria-labelledby=sap-dien-ra]"));
        Assert.True(upcoming.IndexOf("Sự kiện ngày 30") < upcoming.IndexOf("Hội chợ trong tháng"), string.Join(" | ", upcoming));
    }

    [Fact]
    public async Task An_event_abroad_shows_its_local_time_and_the_hour_in_Vietnam()
    {
        await CreateEventAsync("trien-lam-paris", "Triển lãm gốm Chăm tại Paris", new EventDetails
        {
            StartDate = new DateOnly(2026, 12, 10), StartTime = new TimeOnly(15, 0), TimeZone = "Europe/Paris", Address = "Paris, Pháp",
        });
        var facts = (await Html.GetAsync(_reader, "/su-kien/trien-lam-paris")).Document.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("15:00, 10/12/2026 (giờ địa phương, UTC+01:00)", facts);
        Assert.Contains("21:00, 10/12/2026 giờ Việt Nam", facts);
        var calendar = Calendar.Load(await _reader.GetStringAsync("/su-kien/trien-lam-paris.ics"))!;
        var start = Assert.Single(calendar.Events).DtStart!;
        Assert.Equal(new DateTime(2026, 12, 10, 14, 0, 0, DateTimeKind.Utc), start.AsUtc);
    }

    [Fact]
    public async Task A_village_and_a_sight_list_their_events_and_each_has_a_calendar_of_its_own()
    {
        var village = await SeedUpcomingAsync();
        var (_, _, page) = await Html.GetAsync(_reader, "/lang-nghe/" + village);
        var section = page.QuerySelector("section[aria-labelledby=su-kien]");
        Assert.NotNull(section);
        Assert.Equal(["Chợ đêm gốm", "Lễ hội tháng Giêng"], Titles(section).Take(2));
        Assert.Contains(section!.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/lang-nghe/{village}/su-kien.ics");

        var response = await _reader.GetAsync($"/lang-nghe/{village}/su-kien.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(calendar.Events, e => e.Summary == "Chợ đêm gốm");
        Assert.DoesNotContain(calendar.Events, e => e.Summary!.StartsWith("Hội chợ bị hủy", StringComparison.Ordinal)); // not at this village

        // The seeded "Hành trình xanh" of 26/03/2023 started at the Mũi Né fishing village.
        var sight = (await Html.GetAsync(_reader, "/diem-den/lang-chai-mui-ne")).Document.QuerySelector("section[aria-labelledby=su-kien]");
        Assert.Contains(sight!.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/su-kien/hanh-trinh-xanh-2023");
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync("/lang-nghe/khong-co-lang-nay/su-kien.ics")).StatusCode);
    }

    [Fact]
    public async Task The_calendar_feed_parses_and_holds_every_published_event_whose_day_is_known()
    {
        await SeedUpcomingAsync();
        await CreateEventAsync("ban-nhap", "Sự kiện còn nháp", new EventDetails { StartDate = new DateOnly(2026, 12, 1), Address = "Phan Thiết" }, ContentStatus.Draft);
        var response = await _reader.GetAsync("/su-kien.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;

        int known = 0;
        await _factory.WithDbAsync(async db => known = (await db.ContentItems.AsNoTracking()
            .Where(x => x.Kind == ContentKind.Event && x.Status == ContentStatus.Published).ToListAsync())
            .Count(x => x.Event!.Precision == DatePrecision.Day));
        Assert.True(known >= 6, $"only {known} events with a known day");
        Assert.Equal(known, calendar.Events.Count);
        Assert.Equal(calendar.Events.Count, calendar.Events.Select(e => e.Uid).Distinct().Count());
        Assert.DoesNotContain(calendar.Events, e => e.Summary!.Contains("tháng Giêng", StringComparison.Ordinal) || e.Summary.Contains("nháp", StringComparison.Ordinal));

        // A timed event in UTC (19:00 in Vietnam is 12:00 UTC); an all-day one as dates, its end the day after (RFC 5545).
        var fair = calendar.Events.Single(e => e.Summary == "Chợ đêm gốm");
        Assert.Equal(new DateTime(2026, 12, 20, 12, 0, 0, DateTimeKind.Utc), fair.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 12, 20, 15, 0, 0, DateTimeKind.Utc), fair.DtEnd!.AsUtc);
        Assert.EndsWith("/su-kien/cho-dem-gom", fair.Url!.ToString(), StringComparison.Ordinal);
        var survey = calendar.Events.Single(e => e.Url!.ToString().EndsWith("/su-kien/khao-sat-du-lich-lang-nghe-va-am-thuc-2024", StringComparison.Ordinal));
        Assert.False(survey.DtStart!.HasTime);
        Assert.Equal(new DateOnly(2024, 6, 3), survey.DtStart.Date);
        Assert.Equal(new DateOnly(2024, 6, 6), survey.DtEnd!.Date);
        var cancelled = calendar.Events.Single(e => e.Summary!.StartsWith("Hội chợ bị hủy", StringComparison.Ordinal));
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Contains("X-WR-CALNAME:Sự kiện làng nghề Bình Thuận", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_enters_an_event_in_the_form_and_dates_it_cannot_read_get_a_Vietnamese_message_and_nothing_saved()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var village = await _factory.FirstPublishedSlugAsync(ContentKind.Village);
        Dictionary<string, string> Form(string start, string end) => new()
        {
            ["loai"] = "events", ["Title"] = "Lễ hội gốm mùa xuân", ["Slug"] = "", ["Summary"] = "Lễ hội của làng gốm.",
            ["Published"] = "true", ["PublishedAt"] = "2026-11-28T09:00", ["Body"] = "Nội dung.", ["Extra"] = "", ["Version"] = "0",
            ["Details.Event.Start"] = start, ["Details.Event.End"] = end, ["Details.Event.StartTime"] = "08:00",
            ["Details.Event.Village"] = village, ["Details.Event.Organiser"] = "UBND xã",
        };
        const string formPage = "/quan-tri/noi-dung/sua?loai=events";

        var unreadable = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", Form("năm xưa", ""), formPage);
        Assert.Equal(HttpStatusCode.OK, unreadable.StatusCode);
        var message = Html.Parse(await unreadable.Content.ReadAsStringAsync()).QuerySelector("[id$='-error'], .field-error, .notice.error")!.TextContent;
        Assert.Contains("Ngày bắt đầu", message);
        Assert.Contains("2023-03", message);

        var backwards = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", Form("2027-02-10", "2027-02-08"), formPage);
        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        Assert.Contains("Ngày kết thúc không được trước ngày bắt đầu", await backwards.Content.ReadAsStringAsync());
        await _factory.WithDbAsync(async db => Assert.False(await db.ContentItems.AnyAsync(x => x.Kind == ContentKind.Event && x.Title == "Lễ hội gốm mùa xuân")));

        var saved = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", Form("2027-02-08", "2027-02-10"), formPage);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = (await Html.GetAsync(_reader, "/su-kien/le-hoi-gom-mua-xuan")).Document;
        Assert.Contains("08:00 08/02/2027 – 10/02/2027", page.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains((await Html.GetAsync(_reader, "/su-kien")).Document.QuerySelectorAll("section[aria-labelledby=sap-dien-ra] a"),
            a => a.GetAttribute("href") == "/su-kien/le-hoi-gom-mua-xuan");
    }

    [Fact]
    public void An_event_file_keeps_its_month_precision_and_its_zone_and_refuses_what_it_cannot_read()
    {
        const string file = """
            ---
            title: "Lễ hội Katê"
            published: 2026-10-01
            event:
              start: "2027-10"
              address: "Tháp Pô Sah Inư"
              organiser: "Ban tổ chức"
            ---
            Lễ hội.
            """;
        var item = FrontMatter.Parse(file, ContentKind.Event, "le-hoi-kate");
        Assert.Equal((new DateOnly(2027, 10, 1), DatePrecision.Month), (item.Event!.StartDate, item.Event.Precision));
        var again = FrontMatter.Parse(FrontMatter.Write(item), ContentKind.Event, "le-hoi-kate");
        Assert.Equal(FrontMatter.Write(item), FrontMatter.Write(again));
        Assert.Contains("start: 2027-10", FrontMatter.Write(item).Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);

        foreach (var (section, expected) in new[]
        {
            ("  start: \"2027-10\"\n  start_time: \"08:00\"\n  address: \"x\"", "needs a day"),
            ("  start: \"2027-10-02\"\n  time_zone: \"Sao/Hỏa\"\n  address: \"x\"", "time zone"),
            ("  start: \"2027-10-02\"", "event.address is required"),
            ("  start: \"2027-10-02\"\n  end: \"2029-10-02\"\n  address: \"x\"", "within 366 days"),
            ("  start: \"2027-10-02\"\n  start_time: \"25:00\"\n  address: \"x\"", "HH:mm"),
            ("  start: \"9999-12\"\n  address: \"x\"", "1900–2100"),
            ("  start: \"0001-01-01\"\n  start_time: \"01:00\"\n  address: \"x\"", "1900–2100"),
        })
        {
            var bad = $"---\ntitle: \"T\"\npublished: 2026-10-01\nevent:\n{section}\n---\nx\n";
            var error = Assert.Throws<ContentFormatException>(() => FrontMatter.Parse(bad, ContentKind.Event, "t"));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_cached_page_is_never_served_past_midnight_in_Vietnam_when_events_pass_and_certificates_expire()
    {
        var lifetime = PublicPortal.Web.Features.Hosting.PublicCacheAttribute.Lifetime;
        Assert.Equal(lifetime, PublicPortal.Web.Features.Hosting.PublicCacheAttribute.LifetimeAt(new DateTime(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc)));
        // 23:57 in Vietnam is 16:57 UTC: three minutes left of the day.
        Assert.Equal(TimeSpan.FromMinutes(3), PublicPortal.Web.Features.Hosting.PublicCacheAttribute.LifetimeAt(new DateTime(2026, 11, 28, 16, 57, 0, DateTimeKind.Utc)));
        Assert.Equal(lifetime, PublicPortal.Web.Features.Hosting.PublicCacheAttribute.LifetimeAt(new DateTime(2026, 11, 28, 17, 0, 0, DateTimeKind.Utc)));
    }
}
