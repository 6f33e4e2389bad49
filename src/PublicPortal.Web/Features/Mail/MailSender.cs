using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Mail;

/// <summary>
/// Sends the waiting messages over SMTP (MailKit) when a server is configured, and writes the daily digest. With several
/// nodes, the one holding the mail lease does it. A message that fails is tried again later (1, 2, 4… minutes) up to
/// the bound, its error shown in the admin; a failure never stops the site. Without SMTP, messages are only listed.
/// </summary>
public sealed class MailSender(
    IServiceScopeFactory scopes, NodeLeases leases, MailSignal signal, TimeProvider clock, IOptions<MailOptions> options, ILogger<MailSender> logger) : BackgroundService
{
    public const string LeaseName = "mail";

    /// <summary>Longer than one message's send (MailKit's 30 s timeout), renewed before each.</summary>
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await leases.TryTakeAsync(LeaseName, LeaseTime, stoppingToken))
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DailyDigest>().WriteIfDueAsync(stoppingToken);
                    if (options.Value.Configured) await SendDueAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Sending system messages failed; trying again shortly");
            }
            try
            {
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due, over one connection; returns how many went.</summary>
    public async Task<int> SendDueAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.SystemMessages
            .Where(m => m.SentAtUtc == null && m.Attempts < settings.MaxAttempts && (m.NextAttemptAtUtc == null || m.NextAttemptAtUtc <= now))
            .OrderBy(m => m.Id).Take(50).ToListAsync(cancellationToken);
        if (due.Count == 0) return 0;
        var sent = 0;
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security switch
            {
                "ssl" => SecureSocketOptions.SslOnConnect,
                "starttls" => SecureSocketOptions.StartTls,
                "none" => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
            foreach (var message in due)
            {
                // Still this node's turn (a long batch outlives a poll): another node holding the lease sends the rest.
                if (!await leases.TryTakeAsync(LeaseName, LeaseTime, cancellationToken)) break;
                try
                {
                    await client.SendAsync(Compose(message, settings), cancellationToken);
                    message.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                    message.LastError = null;
                    sent++;
                }
                catch (Exception ex) when (ex is SmtpCommandException or FormatException or ParseException or ArgumentException)
                {
                    Failed(message, ex, now);
                }
                // Recorded at once: a restart or a failure further on never sends this one again.
                await db.SaveChangesAsync(CancellationToken.None);
            }
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            logger.LogWarning(ex, "The mail server {Host}:{Port} could not be used; {Count} messages wait", settings.Host, settings.Port, due.Count(m => m.SentAtUtc is null));
            foreach (var message in due.Where(m => m.SentAtUtc is null)) Failed(message, ex, now);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return sent;
    }

    private static MimeMessage Compose(SystemMessage message, MailOptions settings)
    {
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mail.To.Add(MailboxAddress.Parse(message.To));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };
        return mail;
    }

    private static void Failed(SystemMessage message, Exception ex, DateTime now)
    {
        message.Attempts++;
        message.LastError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
        message.NextAttemptAtUtc = now.AddMinutes(Math.Pow(2, Math.Min(message.Attempts - 1, 10)));
    }
}
