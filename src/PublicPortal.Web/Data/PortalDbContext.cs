using Microsoft.EntityFrameworkCore;

namespace PublicPortal.Web.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<Enquiry> Enquiries => Set<Enquiry>();
    public DbSet<DailyTraffic> DailyTraffic => Set<DailyTraffic>();
    public DbSet<VisitorSalt> VisitorSalts => Set<VisitorSalt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DailyTraffic>().HasKey(x => x.Day);
        modelBuilder.Entity<VisitorSalt>().HasKey(x => x.Day);

        var enquiry = modelBuilder.Entity<Enquiry>();
        enquiry.Property(x => x.ProductSlug).HasMaxLength(120);
        enquiry.Property(x => x.Name).HasMaxLength(EnquiryLimits.Name);
        enquiry.Property(x => x.Contact).HasMaxLength(EnquiryLimits.Contact);
        enquiry.Property(x => x.Message).HasMaxLength(EnquiryLimits.Message);
        enquiry.HasIndex(x => x.CreatedAtUtc);

        var item = modelBuilder.Entity<ContentItem>();
        item.HasIndex(x => new { x.Kind, x.Slug }).IsUnique();
        item.HasIndex(x => new { x.Kind, x.Status, x.PublishedAtUtc });
        item.Property(x => x.Slug).HasMaxLength(120);
        item.Property(x => x.Title).HasMaxLength(400);
        item.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        item.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        item.OwnsMany(x => x.Sources, b => b.ToJson());
        item.OwnsMany(x => x.Targets, b => b.ToJson());
        item.OwnsMany(x => x.Tasks, b => b.ToJson());
        item.OwnsMany(x => x.Photos, b => b.ToJson());
        item.OwnsOne(x => x.Locality, b => b.ToJson());
        item.OwnsOne(x => x.Craft, b => b.ToJson());
        item.OwnsOne(x => x.Village, b =>
        {
            b.ToJson();
            b.OwnsOne(v => v.Location);
            b.OwnsMany(v => v.Figures);
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
    }
}
