using Npgsql;

namespace PublicPortal.Tests.Support;

/// <summary>
/// The PostgreSQL server tests/run.sh starts on loopback (PORTAL_TEST_POSTGRES). Each test site gets a database of its
/// own, named after its data directory, so a second site started on the same directory (a restart) finds the same data.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "PORTAL_TEST_POSTGRES";

    private static string Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{Variable} is not set: tests/run.sh starts PostgreSQL on loopback and sets it; run the tests with it");

    private static readonly Lock Creating = new();

    private static string NameFor(string dataDirectory) =>
        "portal_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..24];

    /// <summary>The connection string of the data directory's database, made empty if it does not exist yet.</summary>
    public static string DatabaseFor(string dataDirectory)
    {
        var name = NameFor(dataDirectory);
        // Two nodes of one test starting at once ask for the same database.
        lock (Creating)
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                create.ExecuteNonQuery();
            }
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    public static void Drop(string dataDirectory)
    {
        var database = new NpgsqlConnectionStringBuilder(Server) { Database = NameFor(dataDirectory) }.ConnectionString;
        using (var pooled = new NpgsqlConnection(database)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{NameFor(dataDirectory)}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
