using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// The one connection that writes, behind a lock: in-process writers queue here instead of meeting SQLITE_BUSY,
/// and read-model transactions serialise with appends because they take the same lock.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SqliteConnection? _connection;

    public SqliteWriter(SqliteWalSync walSync)
    {
        WalSync = walSync;
        Statements = new SqliteStatementCache(this);
    }

    /// <summary>Syncs the writer's commits to disk (it commits without waiting for the disk).</summary>
    public SqliteWalSync WalSync { get; }

    /// <summary>The read models' write statements, compiled once for this connection.</summary>
    public SqliteStatementCache Statements { get; }

    public SqliteConnection Connection =>
        _connection ?? throw new InvalidOperationException("The SQLite event store is not initialised: call InitializeAsync first.");

    public bool IsAttached => _connection is not null;

    /// <summary>Takes ownership of the opened, migrated writer connection.</summary>
    public void Attach(SqliteConnection connection) => _connection = connection;

    /// <summary>Waits for the lock, then begins an IMMEDIATE transaction so another process cannot sneak in between.</summary>
    public async Task<SqliteWriteScope> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = Connection;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new SqliteWriteScope(this, connection, connection.BeginTransaction(deferred: false));
        }
        catch
        {
            _lock.Release();
            throw;
        }
    }

    public SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }

    internal void Release() => _lock.Release();

    public void Dispose()
    {
        Statements.Dispose();
        _connection?.Dispose();
        _connection = null;
    }
}

/// <summary>Holds the writer lock and its transaction; disposing rolls back unless committed, then releases the lock.</summary>
internal sealed class SqliteWriteScope(SqliteWriter writer, SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private bool _disposed;

    public SqliteConnection Connection => connection;

    public SqliteTransaction Transaction => transaction;

    public SqliteStatementCache Statements => writer.Statements;

    /// <summary>Commits and returns once the commit is on disk.</summary>
    public void Commit() => writer.WalSync.Sync(CommitUnsynced());

    /// <summary>
    /// Commits without waiting for the disk and returns the commit's number: it is durable, and may be acknowledged,
    /// once <see cref="SqliteWalSync"/> has synced that number.
    /// </summary>
    public long CommitUnsynced()
    {
        var commit = writer.WalSync.BeginCommit();
        try
        {
            transaction.Commit();
        }
        finally
        {
            writer.WalSync.EndCommit(commit);
        }

        return commit;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            transaction.Dispose();
        }
        finally
        {
            writer.Release();
        }
    }
}
