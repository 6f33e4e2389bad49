using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// Editors fill every detail of every content type in form fields (selects, date inputs, rows added with plain buttons),
/// never YAML; a save through the forms keeps everything an item holds; a wrong value is named in Vietnamese at its field.
/// </summary>
public sealed class DetailFormsTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _editor = null!;

    public async Task InitializeAsync() => _editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private const string NewVillageUrl = "/quan-tri/noi-dung/sua?loai=villages";

    private async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Page)> PostAsync(string url, Dictionary<string, string> fields)
    {
        var response = await _editor.PostAsync(url.Split('?')[0], new FormUrlEncodedContent(fields));
        return (response, Html.Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The form as the page now shows it, as a browser would post it (ticked boxes only).</summary>
    private static Dictionary<string, string> FieldsOf(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var fields = new Dictionary<string, string>();
        foreach (var input in page.QuerySelector("form.editor")!.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (input.LocalName == "select") fields[name] = (input.QuerySelector("option[selected]") ?? input.QuerySelector("option"))?.GetAttribute("value") ?? "";
            else if (input.GetAttribute("type") == "checkbox") { if (input.HasAttribute("checked")) fields[name] = input.GetAttribute("value") ?? "on"; }
            else if (!fields.ContainsKey(name)) fields[name] = input.LocalName == "textarea" ? input.TextContent : input.GetAttribute("value") ?? "";
        }
        return fields;
    }

    [Fact]
    public async Task Every_seeded_item_saved_through_the_forms_unchanged_keeps_every_detail()
    {
        var before = new Dictionary<int, string>();
        await _factory.WithDbAsync(async db =>
        {
            foreach (var item in await db.ContentItems.AsNoTracking().ToListAsync()) before[item.Id] = EditorFields.Snapshot(item);
        });
        Assert.True(before.Count > 50, "the seed holds every kind");
        foreach (var (id, snapshot) in before)
        {
            var url = $"/quan-tri/noi-dung/sua/{id}";
            var (_, _, page) = await Html.GetAsync(_editor, url);
            Assert.Null(page.QuerySelector("textarea.yaml, textarea[name=Extra]")); // an editor is never asked for YAML
            var (response, after) = await PostAsync(url, FieldsOf(page));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                $"item {id}: {after.QuerySelector(".validation-summary-errors, .notice.error")?.TextContent.Trim()}\n{snapshot}");
        }
        await _factory.WithDbAsync(async db =>
        {
            foreach (var item in await db.ContentItems.AsNoTracking().ToListAsync())
                Assert.Equal(before[item.Id], EditorFields.Snapshot(item));
        });
    }

    [Fact]
    public async Task A_village_is_written_through_selects_date_inputs_and_rows_then_shown_on_its_page()
    {
        var (_, _, page) = await Html.GetAsync(_editor, NewVillageUrl);
        Assert.NotNull(page.QuerySelector("select[name='Details.Village.Locality'] option[value='phan-thiet']"));
        Assert.Equal("date", page.QuerySelector("input[name='Details.Village.RecognitionDate']")!.GetAttribute("type"));
        var fields = FieldsOf(page);
        fields["Title"] = "Làng dệt thử nghiệm";
        fields["Body"] = "Một làng viết qua biểu mẫu.";
        fields["Published"] = "true";
        fields["Details.Village.Type"] = "craft-village";
        fields["Details.Village.Status"] = "active";
        fields["Details.Village.Locality"] = "phan-thiet";
        fields["Details.Village.RecognitionDate"] = "2024-06-05";
        fields[EditorDetails.ChoiceName("village.crafts", "gom")] = "true";

        // A figure row is added with a plain button (no script), then filled.
        var (added, withRow) = await PostAsync(NewVillageUrl, new(fields) { ["group"] = "add:village.figures" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.NotNull(withRow.QuerySelector("select[name='Details.Village.Figures[0].Measure']"));
        Assert.Equal("craft-village", withRow.QuerySelector("select[name='Details.Village.Type'] option[selected]")?.GetAttribute("value"));
        Assert.NotNull(withRow.QuerySelector($"input[name='{EditorDetails.ChoiceName("village.crafts", "gom")}'][checked]"));
        fields = FieldsOf(withRow);
        fields["Details.Village.Figures[0].Measure"] = "households";
        fields["Details.Village.Figures[0].Value"] = "42";
        fields["Details.Village.Figures[0].Year"] = "2024";
        fields["Details.Village.Figures[0].Approximate"] = "true";

        var (saved, error) = await PostAsync(NewVillageUrl, fields);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, error.QuerySelector(".validation-summary-errors")?.TextContent);
        await _factory.WithDbAsync(async db =>
        {
            var village = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Slug == "lang-det-thu-nghiem");
            Assert.Equal(("phan-thiet", VillageStatus.Active), (village.Village!.Locality, village.Village.Status));
            Assert.Equal(["gom"], village.Village.Crafts);
            Assert.Equal(new DateOnly(2024, 6, 5), village.Village.RecognitionDate);
            var figure = Assert.Single(village.Village.Figures);
            Assert.Equal(("households", 42, 2024, true), (figure.Measure, figure.Value, figure.Year, figure.Approximate));
        });
        var (_, _, shown) = await Html.GetAsync(_factory.CreateReader(), "/lang-nghe/lang-det-thu-nghiem");
        Assert.Contains("42", shown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_are_reordered_and_removed_with_plain_buttons()
    {
        int id = 0;
        await _factory.WithDbAsync(async db => id = (await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Plan && x.Slug == "ke-hoach-3073")).Id);
        var url = $"/quan-tri/noi-dung/sua/{id}";
        var (_, _, page) = await Html.GetAsync(_editor, url);
        var fields = FieldsOf(page);
        var first = fields["Details.Tasks[0].Text"];
        var second = fields["Details.Tasks[1].Text"];
        var count = fields.Keys.Count(k => k.StartsWith("Details.Tasks[", StringComparison.Ordinal) && k.EndsWith("].Text", StringComparison.Ordinal));

        var (_, moved) = await PostAsync(url, new(fields) { ["group"] = "down:tasks:0" });
        fields = FieldsOf(moved);
        Assert.Equal((second, first), (fields["Details.Tasks[0].Text"], fields["Details.Tasks[1].Text"]));
        var (_, removed) = await PostAsync(url, new(fields) { ["group"] = "remove:tasks:0" });
        fields = FieldsOf(removed);
        Assert.Equal(first, fields["Details.Tasks[0].Text"]);
        Assert.Equal(count - 1, fields.Keys.Count(k => k.StartsWith("Details.Tasks[", StringComparison.Ordinal) && k.EndsWith("].Text", StringComparison.Ordinal)));

        // A button for a group this kind does not have changes nothing and breaks nothing.
        var (odd, same) = await PostAsync(url, new(fields) { ["group"] = "add:village.figures" });
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        Assert.Null(same.QuerySelector("[name^='Details.Village']"));
    }

    [Fact]
    public async Task A_wrong_detail_is_named_in_vietnamese_next_to_its_field_and_nothing_is_saved()
    {
        var (_, _, page) = await Html.GetAsync(_editor, NewVillageUrl);
        var fields = FieldsOf(page);
        fields["Title"] = "Làng thiếu địa bàn";
        fields["Details.Village.Type"] = "craft-village";
        fields["Details.Village.Status"] = "active";
        var (response, answer) = await PostAsync(NewVillageUrl, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hãy chọn địa bàn.", answer.QuerySelector("#d-village-locality-loi")?.TextContent);
        Assert.Equal("true", answer.QuerySelector("select[name='Details.Village.Locality']")!.GetAttribute("aria-invalid"));

        fields["Details.Village.Locality"] = "phan-thiet";
        var (_, withSource) = await PostAsync(NewVillageUrl, new(fields) { ["group"] = "add:sources" });
        fields = FieldsOf(withSource);
        fields["Details.Sources[0].Title"] = "Một nguồn";
        fields["Details.Sources[0].Url"] = "ftp://example.vn/tep";
        (response, answer) = await PostAsync(NewVillageUrl, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("phải bắt đầu bằng https://", answer.QuerySelector("#d-sources-0--url-loi")?.TextContent, StringComparison.Ordinal);

        fields["Details.Sources[0].Url"] = "https://example.vn/tep";
        fields["Details.Village.RecognitionDate"] = "2024-13-45";
        (response, answer) = await PostAsync(NewVillageUrl, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hãy chọn một ngày", answer.QuerySelector("#d-village-recognition-date-loi")?.TextContent, StringComparison.Ordinal);

        fields["Details.Village.RecognitionDate"] = "";
        fields["Details.Village.FoundedYear"] = "năm xưa";
        (response, answer) = await PostAsync(NewVillageUrl, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hãy nhập một số", answer.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.False(await db.ContentItems.AnyAsync(x => x.Title == "Làng thiếu địa bàn")));
    }

    [Fact]
    public async Task Only_admins_have_the_yaml_view_and_an_editors_posted_yaml_is_ignored()
    {
        var (_, _, page) = await Html.GetAsync(_editor, "/quan-tri/noi-dung/sua?loai=news&nang-cao=true");
        Assert.Null(page.QuerySelector("textarea[name=Extra]"));
        var fields = FieldsOf(page);
        fields["Title"] = "Tin có YAML lén";
        fields["Body"] = "Nội dung.";
        fields["Published"] = "true";
        fields["nang-cao"] = "true";
        fields["Extra"] = "number: 99/QĐ-UBND";
        var (response, _) = await PostAsync("/quan-tri/noi-dung/sua?loai=news", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _factory.WithDbAsync(async db => Assert.Null((await db.ContentItems.SingleAsync(x => x.Title == "Tin có YAML lén")).DocumentNumber));

        var admin = await StaffClient.SignedInAsync(_factory, "quan-tri@example.vn", PortalRoles.Admin);
        var (_, _, raw) = await Html.GetAsync(admin, "/quan-tri/noi-dung/sua?loai=documents&nang-cao=true");
        Assert.NotNull(raw.QuerySelector("textarea[name=Extra]"));
        Assert.Null(raw.QuerySelector("[name='Details.Number']"));
    }
}
