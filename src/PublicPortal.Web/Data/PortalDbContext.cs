using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace PublicPortal.Web.Data;

/// <summary>
/// The portal's model, shared by both engines. Each engine has its own context type (<see cref="Sqlite.SqlitePortalDbContext"/>,
/// <see cref="PostgreSql.PostgreSqlPortalDbContext"/>) so that each keeps its own migrations, as EF Core's guide to
/// several providers advises; everything else asks for this type.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that sign cookies and forms, shared by every node and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Until the current transaction ends, no other writer on any node that takes the same lock goes on: for writes
    /// that decide from what they read (a scheduled item's went-live record) and for change records, numbered in commit
    /// order. SQLite needs none: one process writes to the file, one write at a time.
    /// </summary>
    public virtual Task LockWritersAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Held until disposed, across transactions: start-up work that must run on one node at a time (the first import
    /// into an empty database). Nothing to hold on SQLite.
    /// </summary>
    public virtual Task<IAsyncDisposable> HoldStartupLockAsync(CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<Enquiry> Enquiries => Set<Enquiry>();
    public DbSet<PageFeedback> PageFeedback => Set<PageFeedback>();
    public DbSet<DailyTraffic> DailyTraffic => Set<DailyTraffic>();
    public DbSet<VisitorSalt> VisitorSalts => Set<VisitorSalt>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SlugRedirect> SlugRedirects => Set<SlugRedirect>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();
    public DbSet<ItemDailyViews> ItemDailyViews => Set<ItemDailyViews>();
    public DbSet<ReferrerDaily> ReferrerDaily => Set<ReferrerDaily>();
    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();
    public DbSet<ItemViewCount> ItemViewCounts => Set<ItemViewCount>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<PreviewLink> PreviewLinks => Set<PreviewLink>();
    public DbSet<SystemMessage> SystemMessages => Set<SystemMessage>();
    public DbSet<SearchQueryDay> SearchQueryDays => Set<SearchQueryDay>();
    public DbSet<SearchSynonym> SearchSynonyms => Set<SearchSynonym>();
    public DbSet<SearchPin> SearchPins => Set<SearchPin>();
    public DbSet<ExternalLink> ExternalLinks => Set<ExternalLink>();
    public DbSet<ExternalLinkUse> ExternalLinkUses => Set<ExternalLinkUse>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ItemDailyViews>().HasKey(x => new { x.Kind, x.Slug, x.Day });
        builder.Entity<ItemDailyViews>().Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Entity<ItemDailyViews>().Property(x => x.Slug).HasMaxLength(120);
        builder.Entity<ItemDailyViews>().HasIndex(x => x.Day);
        builder.Entity<ReferrerDaily>().HasKey(x => new { x.Day, x.Domain });
        builder.Entity<ReferrerDaily>().Property(x => x.Domain).HasMaxLength(100);
        builder.Entity<SiteSetting>().HasKey(x => x.Key);
        var media = builder.Entity<MediaAsset>();
        media.HasIndex(x => x.Hash).IsUnique();
        media.Property(x => x.Hash).HasMaxLength(16);
        media.Property(x => x.Format).HasMaxLength(8);
        media.Property(x => x.OriginalName).HasMaxLength(200);
        media.Property(x => x.Alt).HasMaxLength(300);
        media.Property(x => x.Caption).HasMaxLength(500);
        builder.Entity<SiteSetting>().Property(x => x.Key).HasMaxLength(64);
        builder.Entity<Revision>().HasIndex(x => new { x.ContentItemId, x.Number }).IsUnique();
        builder.Entity<AuditEntry>().HasIndex(x => x.AtUtc);
        builder.Entity<AuditEntry>().Property(x => x.Actor).HasMaxLength(256);
        builder.Entity<AuditEntry>().Property(x => x.Action).HasMaxLength(40);
        var redirect = builder.Entity<SlugRedirect>();
        redirect.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        redirect.Property(x => x.OldSlug).HasMaxLength(120);
        redirect.HasIndex(x => new { x.Kind, x.OldSlug }).IsUnique();
        builder.Entity<DailyTraffic>().HasKey(x => x.Day);
        builder.Entity<VisitorSalt>().HasKey(x => x.Day);
        var lease = builder.Entity<Lease>();
        lease.HasKey(x => x.Name);
        lease.Property(x => x.Name).HasMaxLength(64);
        lease.Property(x => x.Holder).HasMaxLength(64);

        var enquiry = builder.Entity<Enquiry>();
        enquiry.Property(x => x.ProductSlug).HasMaxLength(120);
        enquiry.Property(x => x.Name).HasMaxLength(EnquiryLimits.Name);
        enquiry.Property(x => x.Contact).HasMaxLength(EnquiryLimits.Contact);
        enquiry.Property(x => x.Message).HasMaxLength(EnquiryLimits.Message);
        enquiry.HasIndex(x => x.CreatedAtUtc);
        enquiry.Property(x => x.Reference).HasMaxLength(EnquiryLimits.Reference);
        enquiry.HasIndex(x => x.Reference).IsUnique(); // two enquiries saved at once cannot take the same number
        enquiry.Property(x => x.Fingerprint).HasMaxLength(EnquiryLimits.Fingerprint);
        enquiry.HasIndex(x => x.Fingerprint);

        var feedback = builder.Entity<PageFeedback>();
        feedback.Property(x => x.Path).HasMaxLength(PageFeedbackLimits.Path);
        feedback.Property(x => x.Message).HasMaxLength(PageFeedbackLimits.Message);
        feedback.Property(x => x.Contact).HasMaxLength(PageFeedbackLimits.Contact);
        feedback.Property(x => x.Fingerprint).HasMaxLength(PageFeedbackLimits.Fingerprint);
        feedback.HasIndex(x => x.Fingerprint);
        feedback.HasIndex(x => x.CreatedAtUtc);
        feedback.HasIndex(x => new { x.Handled, x.CreatedAtUtc }); // the inbox: open reports, newest first

        var change = builder.Entity<ChangeRecord>();
        change.HasKey(x => x.Sequence);
        change.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        change.Property(x => x.Slug).HasMaxLength(120);
        change.Property(x => x.OldSlug).HasMaxLength(120);
        change.Property(x => x.Change).HasMaxLength(20);
        change.Property(x => x.Actor).HasMaxLength(256);
        change.HasIndex(x => new { x.ContentItemId, x.AtUtc }); // the scheduler: has this item had a change since it went live?

        var preview = builder.Entity<PreviewLink>();
        preview.Property(x => x.TokenHash).HasMaxLength(64);
        preview.Property(x => x.CreatedBy).HasMaxLength(256);
        preview.HasIndex(x => x.TokenHash).IsUnique();
        preview.HasIndex(x => x.ContentItemId);
        preview.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId).OnDelete(DeleteBehavior.Cascade);

        var message = builder.Entity<SystemMessage>();
        message.Property(x => x.To).HasMaxLength(256);
        message.Property(x => x.Subject).HasMaxLength(300);
        message.Property(x => x.Topic).HasMaxLength(40);
        message.Property(x => x.LastError).HasMaxLength(500);
        message.HasIndex(x => new { x.SentAtUtc, x.NextAttemptAtUtc }); // the sender: what is still to go
        message.HasIndex(x => new { x.To, x.Topic, x.CreatedAtUtc });
        message.HasIndex(x => x.CreatedAtUtc);

        var searched = builder.Entity<SearchQueryDay>();
        searched.HasKey(x => new { x.Day, x.Query });
        searched.Property(x => x.Query).HasMaxLength(SearchInsightLimits.Query);
        searched.Property(x => x.Text).HasMaxLength(SearchInsightLimits.Query);
        builder.Entity<SearchSynonym>().Property(x => x.Terms).HasMaxLength(SearchInsightLimits.Terms);
        builder.Entity<SearchSynonym>().Property(x => x.CreatedBy).HasMaxLength(256);
        var pin = builder.Entity<SearchPin>();
        pin.Property(x => x.Query).HasMaxLength(SearchInsightLimits.Query);
        pin.Property(x => x.Text).HasMaxLength(SearchInsightLimits.Query);
        pin.Property(x => x.CreatedBy).HasMaxLength(256);
        pin.HasIndex(x => new { x.Query, x.ContentItemId }).IsUnique();
        pin.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId).OnDelete(DeleteBehavior.Cascade);

        var link = builder.Entity<ExternalLink>();
        link.Property(x => x.Url).HasMaxLength(ExternalLinkLimits.Url);
        link.HasIndex(x => x.Url).IsUnique();
        link.Property(x => x.Host).HasMaxLength(ExternalLinkLimits.Host);
        link.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        link.Property(x => x.Problem).HasMaxLength(ExternalLinkLimits.Problem);
        link.HasIndex(x => x.NextCheckAtUtc); // the checker: what is due
        link.HasIndex(x => x.State);
        var use = builder.Entity<ExternalLinkUse>();
        use.HasKey(x => new { x.ExternalLinkId, x.ContentItemId });
        use.Property(x => x.Text).HasMaxLength(ExternalLinkLimits.Text);
        use.HasIndex(x => x.ContentItemId);
        use.HasOne<ExternalLink>().WithMany().HasForeignKey(x => x.ExternalLinkId).OnDelete(DeleteBehavior.Cascade);
        use.HasOne<ContentItem>().WithMany().HasForeignKey(x => x.ContentItemId).OnDelete(DeleteBehavior.Cascade);

        var views = builder.Entity<ItemViewCount>();
        views.HasKey(x => x.ContentItemId);
        views.Property(x => x.ContentItemId).ValueGeneratedNever();
        views.HasOne<ContentItem>().WithOne().HasForeignKey<ItemViewCount>(x => x.ContentItemId).OnDelete(DeleteBehavior.Cascade);

        var item = builder.Entity<ContentItem>();
        item.Ignore(x => x.FileViews);
        item.Ignore(x => x.HasEnglish);
        item.HasIndex(x => new { x.Kind, x.Slug }).IsUnique();
        item.HasIndex(x => new { x.Kind, x.Status, x.PublishedAtUtc });
        // Optimistic concurrency: a save that read an older version fails instead of overwriting another editor's work.
        item.Property(x => x.Version).IsConcurrencyToken();
        item.Property(x => x.Slug).HasMaxLength(120);
        item.Property(x => x.Title).HasMaxLength(400);
        item.Property(x => x.TitleEn).HasMaxLength(400);
        item.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        item.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        item.Property(x => x.Review).HasConversion<string>().HasMaxLength(20);
        item.Property(x => x.ReviewNote).HasMaxLength(ReviewLimits.Note);
        item.OwnsMany(x => x.Sources, b => b.ToJson());
        item.OwnsMany(x => x.Targets, b =>
        {
            b.ToJson();
            b.OwnsMany(t => t.Values);
        });
        item.OwnsMany(x => x.Tasks, b => b.ToJson());
        item.OwnsMany(x => x.Photos, b => b.ToJson());
        item.OwnsOne(x => x.Locality, b => b.ToJson());
        item.OwnsOne(x => x.Craft, b => b.ToJson());
        item.OwnsOne(x => x.Village, b =>
        {
            b.ToJson();
            b.OwnsOne(v => v.Location);
            b.OwnsMany(v => v.Figures);
            b.OwnsMany(v => v.StatusHistory);
        });
        item.OwnsOne(x => x.Product, b => b.ToJson());
        item.OwnsOne(x => x.Sight, b =>
        {
            b.ToJson();
            b.OwnsOne(v => v.Location);
        });
        item.OwnsOne(x => x.Route, b =>
        {
            b.ToJson();
            b.OwnsMany(r => r.Stops);
        });
        item.OwnsOne(x => x.Event, b => b.ToJson());
    }
}
