using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>An editor writes an item's English version beside the Vietnamese, previews it, and it appears under /en/.</summary>
public sealed class EnglishEditingTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_editor_removes_and_adds_an_English_version_previews_it_and_it_is_on_the_English_page_with_its_revision()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap-en@example.vn", PortalRoles.Editor);
        var id = 0;
        await _factory.WithDbAsync(async db => id = await db.ContentItems.Where(x => x.Kind == ContentKind.Village && x.Slug == "may-tre-dan-dong-ha").Select(x => x.Id).SingleAsync());
        var editUrl = $"/quan-tri/noi-dung/sua/{id}";
        var reader = _factory.CreateReader();
        var (_, _, page) = await Html.GetAsync(editor, editUrl);
        Assert.Equal("Tiêu đề tiếng Anh", page.QuerySelector("label[for=TitleEn]")!.TextContent);
        Assert.Equal("en", page.QuerySelector("#BodyEn")!.GetAttribute("lang"));
        Assert.StartsWith("Làng nghề mây tre đan Đông Hà (", page.QuerySelector("#TitleEn")!.GetAttribute("value"), StringComparison.Ordinal);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Emptying the three English fields removes the English version: the English page then says so.
        var form = await StaffClient.EditFormAsync(editor, editUrl);
        form["__RequestVerificationToken"] = token;
        (form["TitleEn"], form["SummaryEn"], form["BodyEn"]) = ("", "", "");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostAsync(editUrl, new FormUrlEncodedContent(form))).StatusCode);
        var (_, _, before) = await Html.GetAsync(reader, "/en/villages/may-tre-dan-dong-ha");
        Assert.NotNull(before.QuerySelector(".not-translated"));
        var (_, _, notFound) = await Html.GetAsync(reader, "/en/search?q=rattan+weaving+by+hand");
        Assert.DoesNotContain(notFound.QuerySelectorAll("ol.result-list a"), a => a.GetAttribute("href") == "/en/villages/may-tre-dan-dong-ha");
        var (_, _, untranslated) = await Html.GetAsync(reader, "/lang-nghe/may-tre-dan-dong-ha");
        Assert.Null(untranslated.QuerySelector("link[hreflang]"));

        // Half a translation is refused, with the reason beside the field and the editor's text kept.
        form = await StaffClient.EditFormAsync(editor, editUrl);
        form["__RequestVerificationToken"] = token;
        form["BodyEn"] = "Bamboo and rattan weaving.";
        var half = await editor.PostAsync(editUrl, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        var refused = Html.Parse(await half.Content.ReadAsStringAsync());
        Assert.StartsWith("Hãy nhập tiêu đề tiếng Anh", refused.QuerySelector("[data-valmsg-for=TitleEn]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Bamboo and rattan weaving.", refused.QuerySelector("#BodyEn")!.TextContent.Trim());

        // The preview shows the English body through the public pipeline (a script is not kept).
        form["TitleEn"] = "Mây tre đan Đông Hà (Đông Hà bamboo and rattan weaving)";
        form["SummaryEn"] = "Bamboo and rattan weaving.";
        form["BodyEn"] = "## The craft\n\nWoven by hand.<script>alert(1)</script>";
        form["preview"] = "1";
        var preview = Html.Parse(await (await editor.PostAsync(editUrl, new FormUrlEncodedContent(form))).Content.ReadAsStringAsync());
        var english = preview.QuerySelector(".preview article[lang=en]")!;
        Assert.Equal("The craft", english.QuerySelector("h2")!.TextContent);
        Assert.Null(english.QuerySelector("script"));

        form.Remove("preview");
        form["BodyEn"] = "## The craft\n\nWoven by hand.";
        var saved = await editor.PostAsync(editUrl, new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (_, _, after) = await Html.GetAsync(reader, "/en/villages/may-tre-dan-dong-ha");
        Assert.Equal("Mây tre đan Đông Hà (Đông Hà bamboo and rattan weaving)", after.QuerySelector("main h1")!.TextContent);
        Assert.Equal("The craft", after.QuerySelector("main .prose h2")!.TextContent);
        // Now translated, the Vietnamese page announces its English version, and the English list shows it in English.
        var (_, _, vietnamese) = await Html.GetAsync(reader, "/lang-nghe/may-tre-dan-dong-ha");
        Assert.EndsWith("/en/villages/may-tre-dan-dong-ha", vietnamese.QuerySelector("link[hreflang=en]")!.GetAttribute("href"), StringComparison.Ordinal);
        // English search finds the new English words at once (the saved write is the next search's index).
        var (_, _, found) = await Html.GetAsync(reader, "/en/search?q=rattan+weaving+by+hand");
        Assert.Equal("/en/villages/may-tre-dan-dong-ha", found.QuerySelector("ol.result-list h3 a")!.GetAttribute("href"));
        var (_, _, list) = await Html.GetAsync(reader, "/en/villages");
        Assert.Contains(list.QuerySelectorAll("ul.english-list a"), a => a.TextContent == "Mây tre đan Đông Hà (Đông Hà bamboo and rattan weaving)" && !a.HasAttribute("lang"));

        // The English text is part of the revision, like any other field.
        await _factory.WithDbAsync(async db =>
        {
            var last = await db.Revisions.Where(r => r.ContentItemId == id).OrderByDescending(r => r.Id).FirstAsync();
            Assert.Contains("Đông Hà bamboo and rattan weaving", last.Snapshot, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task English_fields_are_offered_only_where_an_English_page_shows_them_and_English_already_written_is_kept()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap-en2@example.vn", PortalRoles.Editor);
        // Every kind with an English page, and the pages the English site has.
        foreach (var folder in new[] { "villages", "products", "sights", "routes", "plans", "news", "announcements", "documents" })
        {
            var (_, _, page) = await Html.GetAsync(editor, "/quan-tri/noi-dung/sua?loai=" + folder);
            Assert.True(page.QuerySelector("#TitleEn") is not null, folder);
        }
        // Localities and crafts have no page of their own, and a new page no English address: no English boxes to fill in vain.
        foreach (var folder in new[] { "localities", "crafts", "pages" })
        {
            var (_, _, page) = await Html.GetAsync(editor, "/quan-tri/noi-dung/sua?loai=" + folder);
            Assert.True(page.QuerySelector("#TitleEn") is null, folder);
        }
        var aboutId = 0;
        await _factory.WithDbAsync(async db => aboutId = await db.ContentItems.Where(x => x.Kind == ContentKind.Page && x.Slug == "gioi-thieu").Select(x => x.Id).SingleAsync());
        var (_, _, about) = await Html.GetAsync(editor, $"/quan-tri/noi-dung/sua/{aboutId}");
        Assert.NotNull(about.QuerySelector("#TitleEn"));

        // A locality that has English text (from a content file) shows it, so a save does not drop it.
        var locality = await _factory.FirstPublishedAsync(ContentKind.Locality);
        Assert.IsType<PublicPortal.Web.Features.Content.SaveOutcome.Saved>(await _factory.EditAsync(locality.Id, item =>
        {
            (item.TitleEn, item.SummaryEn) = ("A commune in English", "Its summary.");
            return item;
        }));
        var (_, _, edit) = await Html.GetAsync(editor, $"/quan-tri/noi-dung/sua/{locality.Id}");
        Assert.Equal("A commune in English", edit.QuerySelector("#TitleEn")!.GetAttribute("value"));
    }
}
