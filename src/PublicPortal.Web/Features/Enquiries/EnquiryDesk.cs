using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Enquiries;

/// <summary>Receives valid enquiries: refuses one already received, limits accepted ones per address, numbers and stores them.</summary>
public sealed class EnquiryDesk(PortalDbContext db, AcceptedEnquiryLimit limit, TimeProvider clock, Mail.Outbox outbox, Mail.MailSignal mail, ILogger<EnquiryDesk> logger)
{
    /// <summary>An identical enquiry sent again within this time is taken for the same one (a reload, a double click, an impatient buyer).</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromDays(1);

    public async Task<EnquiryOutcome> SubmitAsync(string productSlug, EnquiryForm form, string clientKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(productSlug);
        ArgumentNullException.ThrowIfNull(form);
        var now = clock.GetUtcNow().UtcDateTime;
        var name = VietnameseText.Nfc(form.Name!.Trim());
        var contact = form.Contact!.Trim();
        var message = VietnameseText.Nfc(form.Message!.Trim());
        var fingerprint = Fingerprint(productSlug, contact, message);

        // One enquiry at a time in this process, so a double click cannot pass the duplicate check twice nor two enquiries
        // read the same last reference (across nodes, the unique index and the retry below keep references apart).
        await limit.Gate.WaitAsync(cancellationToken);
        try
        {
            return await SubmitAloneAsync(productSlug, name, contact, message, fingerprint, clientKey, now, cancellationToken);
        }
        finally
        {
            limit.Gate.Release();
        }
    }

    private async Task<EnquiryOutcome> SubmitAloneAsync(string productSlug, string name, string contact, string message, string fingerprint, string clientKey, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - DuplicateWindow;
        var earlier = await db.Enquiries.AsNoTracking()
            .Where(e => e.Fingerprint == fingerprint && e.CreatedAtUtc > since)
            .OrderByDescending(e => e.CreatedAtUtc)
            .Select(e => new { e.Reference, e.CreatedAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is not null) return new EnquiryOutcome.Duplicate(earlier.Reference, earlier.CreatedAtUtc);

        var permit = await limit.TakeAsync(clientKey, now);
        if (!permit.Granted) return new EnquiryOutcome.Limited(permit.RetryAfter, limit.PermitLimit, limit.WindowMinutes);
        var saved = false;
        try
        {
            // The staff's notice is saved with the enquiry (it names the product, never the buyer).
            await outbox.EnquiryAsync(productSlug, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var enquiry = new Enquiry
                {
                    ProductSlug = productSlug, Name = name, Contact = contact, Message = message, CreatedAtUtc = now,
                    Reference = await NextReferenceAsync(now, cancellationToken), Fingerprint = fingerprint,
                };
                db.Enquiries.Add(enquiry);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    saved = true;
                    mail.Wake();
                    return new EnquiryOutcome.Accepted(enquiry.Reference);
                }
                catch (DbUpdateException ex) when (attempt < 5)
                {
                    // Most likely another enquiry took the same number at the same moment (unique index): take the next one.
                    logger.LogInformation(ex, "Enquiry reference {Reference} was taken; trying the next", enquiry.Reference);
                    db.Entry(enquiry).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            if (!saved) await limit.ReturnAsync(permit);
        }
    }

    /// <summary>"HM-2026-000123": the year of receipt in Vietnam and the next number in that year.</summary>
    private async Task<string> NextReferenceAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var prefix = $"HM-{VietnamTime.ToOffset(nowUtc).Year.ToString(CultureInfo.InvariantCulture)}-";
        // Fixed-width numbers sort as text, so the greatest reference of the year is the last one.
        var last = await db.Enquiries.AsNoTracking()
            .Where(e => e.Reference != null && e.Reference.StartsWith(prefix))
            .OrderByDescending(e => e.Reference)
            .Select(e => e.Reference)
            .FirstOrDefaultAsync(cancellationToken);
        var number = last is not null && int.TryParse(last.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n + 1 : 1;
        return prefix + number.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The same product, the same contact (an e-mail in any case, a phone number in any spacing) and the same words
    /// (any case, any spacing, composed or decomposed accents) give the same fingerprint.
    /// </summary>
    public static string Fingerprint(string productSlug, string contact, string message)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(message);
        var who = EnquiryForm.IsEmail(contact) ? contact.Trim().ToLowerInvariant() : new string(contact.Where(char.IsAsciiDigit).ToArray());
        var words = VietnameseText.SingleSpaced(VietnameseText.Nfc(message).ToLowerInvariant());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{productSlug}\n{who}\n{words}")));
    }
}
