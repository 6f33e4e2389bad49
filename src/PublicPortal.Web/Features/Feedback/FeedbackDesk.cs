using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Feedback;

/// <summary>Receives valid answers and reports: refuses one already received, limits accepted ones per address, stores them.</summary>
public sealed class FeedbackDesk(PortalDbContext db, AcceptedFeedbackLimit limit, TimeProvider clock, Mail.Outbox outbox, Mail.MailSignal mail)
{
    /// <summary>The same post from the same address within this time is taken for the same one (a reload, a double click).</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(1);

    /// <summary>"Was this page useful?" answered.</summary>
    public Task<FeedbackOutcome> AnswerAsync(string path, bool useful, string clientKey, CancellationToken cancellationToken) =>
        SubmitAsync(path, useful, null, null, clientKey, cancellationToken);

    /// <summary>A report of what is wrong on the page.</summary>
    public Task<FeedbackOutcome> ReportAsync(string path, FeedbackForm form, string clientKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var contact = form.Contact?.Trim();
        return SubmitAsync(path, null, VietnameseText.Nfc(form.Message!.Trim()), string.IsNullOrEmpty(contact) ? null : contact, clientKey, cancellationToken);
    }

    private async Task<FeedbackOutcome> SubmitAsync(string path, bool? useful, string? message, string? contact, string clientKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(clientKey);
        var now = clock.GetUtcNow().UtcDateTime;
        var fingerprint = Fingerprint(clientKey, path, useful, message);
        // One post at a time in this process, so a double click cannot pass the duplicate check twice.
        await limit.Gate.WaitAsync(cancellationToken);
        try
        {
            var since = now - DuplicateWindow;
            var earlier = await db.PageFeedback.AsNoTracking()
                .Where(f => f.Fingerprint == fingerprint && f.CreatedAtUtc > since)
                .OrderByDescending(f => f.CreatedAtUtc).Select(f => (DateTime?)f.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
            if (earlier is { } at) return new FeedbackOutcome.Duplicate(at);

            var permit = await limit.TakeAsync(clientKey, now);
            if (!permit.Granted) return new FeedbackOutcome.Limited(permit.RetryAfter, limit.PermitLimit, limit.WindowMinutes);
            var saved = false;
            try
            {
                // A yes/no answer needs no handling: only reports wait in the inbox.
                db.PageFeedback.Add(new PageFeedback
                {
                    Path = path, Useful = useful, Message = message, Contact = contact, CreatedAtUtc = now,
                    Handled = message is null, Fingerprint = fingerprint,
                });
                if (message is not null) await outbox.FeedbackAsync(path, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                saved = true;
                if (message is not null) mail.Wake();
                return new FeedbackOutcome.Accepted();
            }
            finally
            {
                if (!saved) await limit.ReturnAsync(permit);
            }
        }
        finally
        {
            limit.Gate.Release();
        }
    }

    /// <summary>Pages with the most answers and reports since <paramref name="sinceUtc"/>, for the analytics page.</summary>
    public async Task<List<FeedbackCount>> PerPageAsync(DateTime sinceUtc, int take, CancellationToken cancellationToken = default)
    {
        var counts = await db.PageFeedback.AsNoTracking().Where(f => f.CreatedAtUtc >= sinceUtc).GroupBy(f => f.Path)
            .Select(g => new { Path = g.Key, Total = g.Count(), Useful = g.Count(f => f.Useful == true), NotUseful = g.Count(f => f.Useful == false) })
            .OrderByDescending(c => c.Total).ThenBy(c => c.Path).Take(take).ToListAsync(cancellationToken);
        return counts.Select(c => new FeedbackCount(c.Path, c.Useful, c.NotUseful, c.Total - c.Useful - c.NotUseful)).ToList();
    }

    /// <summary>
    /// The same address, page, answer and words (any case, any spacing, composed or decomposed accents) give the same
    /// fingerprint; the address is in it, so two readers may say the same thing, and it is stored only hashed.
    /// </summary>
    public static string Fingerprint(string clientKey, string path, bool? useful, string? message)
    {
        var words = message is null ? "" : VietnameseText.SingleSpaced(VietnameseText.Nfc(message).ToLowerInvariant());
        var answer = useful switch { true => "yes", false => "no", null => "report" };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clientKey}\n{path}\n{answer}\n{words}")));
    }
}
