using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Data;

/// <summary>The migrations describe the model: a changed entity without its migration would fail the next start.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_model_has_no_changes_without_a_migration()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new PortalDbContext(options);
        Assert.False(db.Database.HasPendingModelChanges(), "dotnet ef migrations add <Name> is missing for a model change");
    }
}
