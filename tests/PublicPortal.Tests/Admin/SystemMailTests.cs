using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Mail;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// The portal's messages to its staff, received by a real SMTP server in the test: an item waiting for review, an item
/// sent back, a buyer's enquiry (one notice for a flood, never the buyer's details), the daily digest. Without SMTP the
/// same messages are listed in "Hộp thư hệ thống" and nothing fails; a dead mail server fails nothing either.
/// </summary>
public sealed class SystemMailTests : IAsyncLifetime
{
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(FreePort());
    private readonly PortalFactory _factory;

    public SystemMailTests()
    {
        _factory = new PortalFactory();
        _factory.Settings["Portal:Smtp:Host"] = "127.0.0.1";
        _factory.Settings["Portal:Smtp:Port"] = _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory.Settings["Portal:Smtp:Security"] = "none";
        _factory.Settings["Portal:Smtp:From"] = "cong@langnghe.example.vn";
        _factory.Settings["Portal:Smtp:PollSeconds"] = "1";
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _smtp.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<List<SmtpMessage>> ReceivedAsync(Func<SmtpMessage, bool> which, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            var found = _smtp.ReceivedEmail.Where(which).ToList();
            if (found.Count >= count) return found;
            await Task.Delay(100);
        }
        return _smtp.ReceivedEmail.Where(which).ToList();
    }

    private static string To(SmtpMessage m) => string.Join(",", m.ToAddresses.Select(a => a.Address));

    private static MimeKit.MimeMessage Mime(SmtpMessage m) => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data)));

    private static string Subject(SmtpMessage m) => Mime(m).Subject ?? "";

    private static string Body(SmtpMessage m) => Mime(m).TextBody ?? "";

    [Fact]
    public async Task Editors_are_told_when_an_item_waits_and_the_author_when_it_is_sent_back()
    {
        var author = await StaffClient.SignedInAsync(_factory, "tac-gia@example.vn", PortalRoles.Author);
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        var fields = new Dictionary<string, string>
        {
            ["loai"] = "news", ["Title"] = "Phiên chợ gốm cuối tuần", ["Slug"] = "", ["Summary"] = "", ["PublishedAt"] = "2026-11-28T09:00",
            ["Body"] = "Nội dung.", ["Version"] = "0", ["submit"] = "1",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(author, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=news")).StatusCode);

        var waiting = Assert.Single(await ReceivedAsync(m => Subject(m).StartsWith("Bài chờ duyệt", StringComparison.Ordinal), 1));
        Assert.Equal("bien-tap@example.vn", To(waiting));
        Assert.Equal("Bài chờ duyệt: Phiên chợ gốm cuối tuần", Subject(waiting));
        Assert.Contains("/quan-tri/duyet", Body(waiting), StringComparison.Ordinal);

        int id = 0, version = 0;
        await _factory.WithDbAsync(async db => (id, version) = await db.ContentItems.Where(x => x.Title == "Phiên chợ gốm cuối tuần").Select(x => new ValueTuple<int, int>(x.Id, x.Version)).SingleAsync());
        await StaffClient.PostFormAsync(editor, "/quan-tri/duyet?handler=Return", new() { ["id"] = $"{id}", ["version"] = $"{version}", ["note"] = "Thêm giờ họp chợ." }, "/quan-tri/duyet");
        var returned = Assert.Single(await ReceivedAsync(m => Subject(m).StartsWith("Bài được trả lại", StringComparison.Ordinal), 1));
        Assert.Equal("tac-gia@example.vn", To(returned));
        Assert.Contains("Thêm giờ họp chợ.", Body(returned), StringComparison.Ordinal);

        // Each is also in the system mailbox, marked sent; the author sees theirs only.
        var (_, _, box) = await Html.GetAsync(author, "/quan-tri/hop-thu");
        var mine = box.QuerySelectorAll(".messages li").Select(li => li.TextContent).ToList();
        Assert.Contains(mine, t => t.Contains("Bài được trả lại để sửa", StringComparison.Ordinal) && t.Contains("Đã gửi lúc", StringComparison.Ordinal));
        Assert.DoesNotContain(mine, t => t.Contains("Bài chờ duyệt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_flood_of_enquiries_makes_one_notice_per_editor_without_the_buyers_details()
    {
        await StaffClient.CreateUserAsync(_factory, "hop-thu@example.vn", PortalRoles.Editor);
        string product = "";
        await _factory.WithDbAsync(async db => product = await db.ContentItems.Where(x => x.Kind == ContentKind.Product).OrderBy(x => x.Slug).Select(x => x.Slug).FirstAsync());
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Enquiries.EnquiryDesk>();
            for (var i = 0; i < 5; i++)
            {
                var form = new PublicPortal.Web.Features.Enquiries.EnquiryForm { Name = "Nguyễn Văn Mua", Contact = $"mua{i}@example.vn", Message = $"Cho hỏi giá sỉ lần {i}." };
                Assert.IsType<PublicPortal.Web.Features.Enquiries.EnquiryOutcome.Accepted>(await desk.SubmitAsync(product, form, $"10.0.0.{i}", CancellationToken.None));
            }
        }
        var notices = await ReceivedAsync(m => To(m) == "hop-thu@example.vn" && Subject(m) == "Có câu hỏi mua hàng mới", 1);
        await Task.Delay(1500); // a later poll would send any second notice
        notices = _smtp.ReceivedEmail.Where(m => To(m) == "hop-thu@example.vn" && Subject(m) == "Có câu hỏi mua hàng mới").ToList();
        var notice = Assert.Single(notices);
        Assert.DoesNotContain("Nguyễn Văn Mua", Body(notice), StringComparison.Ordinal);
        Assert.DoesNotContain("@example.vn", Body(notice).Replace("hop-thu@example.vn", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("/quan-tri/hoi-mua", Body(notice), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_daily_digest_lists_what_waits_once_a_day()
    {
        await StaffClient.CreateUserAsync(_factory, "sang@example.vn", PortalRoles.Editor);
        // 03:00 UTC is 10:00 in Vietnam, past the digest hour: the seed's soon-expiring OCOP certificates, if any, and open items.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var digest = scope.ServiceProvider.GetRequiredService<DailyDigest>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.PageFeedback.Add(new PageFeedback { Path = "/lang-nghe", Message = "Sai số điện thoại.", CreatedAtUtc = _factory.Clock.GetUtcNow().UtcDateTime, Fingerprint = "x" });
            await db.SaveChangesAsync();
            // Today's digest went out at start-up (before this editor existed); tomorrow's is due.
            _factory.Clock.Advance(TimeSpan.FromDays(1));
            await digest.WriteIfDueAsync(); // the sender may have written it a moment before: then this one does not
            Assert.False(await digest.WriteIfDueAsync()); // once a day, whatever wakes it
        }
        var sent = Assert.Single(await ReceivedAsync(m => To(m) == "sang@example.vn" && Subject(m) == "Việc cần làm trên cổng, ngày 29/11/2026", 1));
        Assert.Contains("1 góp ý về trang chưa xử lý", Body(sent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_mail_server_messages_are_listed_and_a_dead_server_fails_nothing()
    {
        // Nothing listens at this port: saves and enquiries still succeed; the message waits with its error.
        await using var dead = new PortalFactory();
        dead.Settings["Portal:Smtp:Host"] = "127.0.0.1";
        dead.Settings["Portal:Smtp:Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        dead.Settings["Portal:Smtp:Security"] = "none";
        dead.Settings["Portal:Smtp:PollSeconds"] = "1";
        var author = await StaffClient.SignedInAsync(dead, "tac-gia@example.vn", PortalRoles.Author);
        await StaffClient.CreateUserAsync(dead, "bien-tap@example.vn", PortalRoles.Editor);
        var fields = new Dictionary<string, string>
        {
            ["loai"] = "news", ["Title"] = "Tin khi máy chủ thư hỏng", ["Slug"] = "", ["Summary"] = "", ["PublishedAt"] = "2026-11-28T09:00",
            ["Body"] = "Nội dung.", ["Version"] = "0", ["submit"] = "1",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(author, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=news")).StatusCode);
        SystemMessage? message = null;
        for (var i = 0; i < 100 && message?.LastError is null; i++)
        {
            await Task.Delay(100);
            await dead.WithDbAsync(async db => message = await db.SystemMessages.AsNoTracking().SingleOrDefaultAsync(m => m.To == "bien-tap@example.vn"));
        }
        Assert.NotNull(message?.LastError);
        Assert.Null(message!.SentAtUtc);
        Assert.Equal(HttpStatusCode.OK, (await dead.CreateReader().GetAsync("/healthz")).StatusCode);

        // No server configured at all: the message is listed, marked as not sent.
        await using var plain = new PortalFactory();
        var author2 = await StaffClient.SignedInAsync(plain, "tac-gia@example.vn", PortalRoles.Author);
        var admin = await StaffClient.SignedInAsync(plain, "quan-tri@example.vn", PortalRoles.Admin);
        fields["Title"] = "Tin khi chưa có máy chủ thư";
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(author2, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=news")).StatusCode);
        var (_, _, box) = await Html.GetAsync(admin, "/quan-tri/hop-thu");
        Assert.Contains("chưa cấu hình máy chủ thư", box.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(box.QuerySelectorAll(".messages li").Select(li => li.TextContent),
            t => t.Contains("Bài chờ duyệt: Tin khi chưa có máy chủ thư", StringComparison.Ordinal) && t.Contains("quan-tri@example.vn", StringComparison.Ordinal));
    }
}
