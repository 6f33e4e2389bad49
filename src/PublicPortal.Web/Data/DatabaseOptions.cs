namespace PublicPortal.Web.Data;

/// <summary>The database engine. SQLite is the embedded default; PostgreSQL is for several web nodes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Portal:Database. With PostgreSQL, the connection comes from ConnectionStrings:Portal.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Portal:Database";
    public const string ConnectionStringName = "Portal";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
