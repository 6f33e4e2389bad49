using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PublicPortal.Web.Data.PostgreSql;

/// <summary>
/// For `dotnet ef migrations add X --context PostgreSqlPortalDbContext --output-dir Data/PostgreSql/Migrations`: adding a
/// migration needs the model, not a server, so the connection string is never opened.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlPortalDbContext>
{
    public PostgreSqlPortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlPortalDbContext>();
        PostgreSqlPortalDbContext.Configure(options, "Host=localhost;Database=portal_design_time");
        return new(options.Options);
    }
}
