using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PublicPortal.Web.Data.Sqlite;

/// <summary>
/// A connection SQLite opened while the disk could not be written (a read-only or immutable disk) keeps a read-only
/// handle to the file or its write-ahead log for its whole life, even once the disk is writable again. Pooled, it would
/// refuse every later save until a restart. So when a write is refused as read-only, the pool is cleared: the connection
/// is closed when it returns, and the next save opens a fresh one.
/// </summary>
public sealed class ReadOnlyConnectionRecovery : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static ReadOnlyConnectionRecovery Instance { get; } = new();

    private const int SqliteReadOnly = 8; // SQLITE_READONLY; its extended codes share the low byte

    private ReadOnlyConnectionRecovery()
    {
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Forget(command.Connection, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(command.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(transaction.Connection, eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(transaction.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    // SQLite's BEGIN IMMEDIATE is where a read-only handle is found first, and EF reports no failure of a begin to
    // interceptors: the transaction is begun here so its failure can be seen.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        result.HasResult ? result : InterceptionResult<DbTransaction>.SuppressWithResult(Begin(connection, eventData.IsolationLevel));

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarting(connection, eventData, result));

    private static DbTransaction Begin(DbConnection connection, IsolationLevel isolationLevel)
    {
        try
        {
            return connection.BeginTransaction(isolationLevel);
        }
        catch (SqliteException ex)
        {
            Forget(connection, ex);
            throw;
        }
    }

    private static void Forget(DbConnection? connection, Exception? exception)
    {
        // ClearPool closes the idle connections and marks those in use (this one) to be closed when they return.
        if (exception is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) == SqliteReadOnly && connection is SqliteConnection sqlite)
            SqliteConnection.ClearPool(sqlite);
    }
}
