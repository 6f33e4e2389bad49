using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PublicPortal.Web.Data.PostgreSql;

/// <summary>
/// The portal's model on PostgreSQL, for several web nodes on one database. The one place that knows what PostgreSQL
/// needs beyond the shared model.
/// </summary>
public sealed class PostgreSqlPortalDbContext(DbContextOptions<PostgreSqlPortalDbContext> options) : PortalDbContext(options)
{
    /// <summary>Any numbers, the same on every node: advisory locks, which PostgreSQL releases if a node dies.</summary>
    private const long WritersLock = 3073_2021;
    private const long StartupLock = 3073_2022;

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseNpgsql(connectionString);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        // timestamptz takes only UTC values. Every time stored here is UTC, but one parsed from a file or read back from
        // elsewhere comes marked Unspecified, which Npgsql refuses.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>
    /// Nodes follow the change feed by sequence number ("everything after the last one I applied"). Sequence numbers are
    /// handed out at insert, not at commit: two writers could commit 11 before 10, and a node that read 11 would never
    /// see 10. So a write that adds change records first takes a transaction-scoped lock, and numbers go out in commit
    /// order. (SQLite has one writer at a time, so there the order holds by itself.)
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ChangeTracker.Entries<ChangeRecord>().Any(e => e.State == EntityState.Added))
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            await LockWritersAsync(cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await LockWritersAsync(cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public override async Task LockWritersAsync(CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("the writers' lock is taken inside a transaction and held until it ends");
        // Taken again in the same transaction, it is already held: no wait.
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WritersLock})", cancellationToken);
    }

    public override async Task<IAsyncDisposable> HoldStartupLockAsync(CancellationToken cancellationToken)
    {
        // A session lock on a connection kept open until released (a node that dies releases it with its connection).
        await Database.OpenConnectionAsync(cancellationToken);
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({StartupLock})", cancellationToken);
        return new HeldLock(this);
    }

    private sealed class HeldLock(PostgreSqlPortalDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Unlocked before the connection goes back to the pool, where the lock would otherwise live on.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({StartupLock})");
            await db.Database.CloseConnectionAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        ChangeTracker.Entries<ChangeRecord>().Any(e => e.State == EntityState.Added)
            ? throw new InvalidOperationException("change records are saved with SaveChangesAsync, which orders them")
            : base.SaveChanges(acceptAllChangesOnSuccess);

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
