using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>The inbox of buyer enquiries: staff read them, mark them handled and export them for a spreadsheet.</summary>
public sealed class EnquiryInboxTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Staff_read_mark_handled_and_export_enquiries()
    {
        await factory.WithDbAsync(async db =>
        {
            db.Enquiries.Add(new Enquiry { ProductSlug = "gom-cham-son-hoa", Name = "Nguyễn Thị Lan", Contact = "lan@example.com", Message = "=HYPERLINK(\"http://x\") xin báo giá, 20 bình", CreatedAtUtc = new DateTime(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        });
        var editor = await StaffClient.SignedInAsync(factory, "hop-thu@example.vn", PortalRoles.Editor);
        var (response, _, page) = await Html.GetAsync(editor, "/quan-tri/hoi-mua");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = page.QuerySelectorAll("ol.enquiries article").Single(a => a.TextContent.Contains("Nguyễn Thị Lan", StringComparison.Ordinal));
        Assert.Contains("Chưa xử lý", item.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        var id = item.QuerySelector("input[name=id]")!.GetAttribute("value")!;

        var done = await StaffClient.PostFormAsync(editor, "/quan-tri/hoi-mua?handler=Handled", new() { ["id"] = id, ["handled"] = "true" }, "/quan-tri/hoi-mua");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var (_, _, open) = await Html.GetAsync(editor, "/quan-tri/hoi-mua");
        Assert.DoesNotContain("Nguyễn Thị Lan", open.Body!.TextContent, StringComparison.Ordinal);

        var csv = await editor.GetAsync("/quan-tri/hoi-mua?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var table = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
        var header = table[0];
        var row = table.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).Single(r => r["name"] == "Nguyễn Thị Lan");
        Assert.Equal("Gốm Chăm Sơn Hòa", row["product"]);
        Assert.StartsWith("'=HYPERLINK", row["message"], StringComparison.Ordinal); // not a live formula in a spreadsheet
        Assert.Equal("true", row["handled"]);
        await factory.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "enquiry-handled" && e.Actor == "hop-thu@example.vn")));
    }

    [Fact]
    public async Task The_inbox_shows_the_reference_the_buyer_was_given()
    {
        var buyer = factory.CreateReader();
        var sent = await buyer.PostAsync("/san-pham/gom-cham-son-hoa/hoi-mua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Võ Minh Khoa", ["Form.Contact"] = "khoa@example.com", ["Form.Message"] = "Xin báo giá 30 bình gốm Chăm cỡ vừa.",
        }));
        var reference = sent.Headers.Location!.OriginalString.Split("&ma=")[1];
        Assert.Matches(@"^HM-2026-\d{6}$", reference);

        var editor = await StaffClient.SignedInAsync(factory, "hop-thu-ma@example.vn", PortalRoles.Editor);
        var (_, _, page) = await Html.GetAsync(editor, "/quan-tri/hoi-mua");
        var item = page.QuerySelectorAll("ol.enquiries article").Single(a => a.TextContent.Contains("Võ Minh Khoa", StringComparison.Ordinal));
        Assert.Equal(reference, item.QuerySelector(".meta .enquiry-reference")?.TextContent);

        // A buyer quoting the reference on the phone: staff find that one enquiry by it, typed in any case.
        var (_, _, found) = await Html.GetAsync(editor, "/quan-tri/hoi-mua?ma=" + reference.ToLowerInvariant());
        Assert.Equal("Võ Minh Khoa", Assert.Single(found.QuerySelectorAll("ol.enquiries article")).QuerySelector(".meta")!.TextContent.Split(" · ")[2]);

        var csv = Csv.Parse(Encoding.UTF8.GetString((await editor.GetByteArrayAsync("/quan-tri/hoi-mua?handler=Csv"))[3..]));
        Assert.Contains(csv.Skip(1), r => r[csv[0].IndexOf("reference")] == reference);
    }
}
