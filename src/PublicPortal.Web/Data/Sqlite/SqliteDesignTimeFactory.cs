using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicPortal.Web.Data.Sqlite;

/// <summary>For `dotnet ef migrations add X --context SqlitePortalDbContext --output-dir Data/Sqlite/Migrations`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>();
        SqlitePortalDbContext.Configure(options, "design-time.db");
        return new(options.Options);
    }
}
