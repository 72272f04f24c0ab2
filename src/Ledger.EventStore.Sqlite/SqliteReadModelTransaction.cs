using System.Data.Common;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// A read model's transaction on the writer connection. Opened on its own it owns the writer lock until disposed;
/// handed to an inline projection it borrows the append's transaction, which the append alone commits.
/// </summary>
internal sealed class SqliteReadModelTransaction : IReadModelTransaction, IRelationalTransaction
{
    private readonly SqliteWriteScope? _ownScope;
    private readonly SqliteStatementCache _statements;
    private readonly Microsoft.Data.Sqlite.SqliteConnection _connection;
    private readonly Microsoft.Data.Sqlite.SqliteTransaction _transaction;

    private SqliteReadModelTransaction(
        Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, SqliteWriteScope? ownScope,
        SqliteStatementCache statements)
    {
        _statements = statements;
        _connection = connection;
        _transaction = transaction;
        _ownScope = ownScope;
    }

    /// <summary>A transaction of its own, holding the writer lock.</summary>
    public static SqliteReadModelTransaction Owning(SqliteWriteScope scope) => new(scope.Connection, scope.Transaction, scope, scope.Statements);

    /// <summary>The append's transaction lent to inline projections.</summary>
    public static SqliteReadModelTransaction Borrowing(SqliteWriteScope scope) => new(scope.Connection, scope.Transaction, null, scope.Statements);

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public RelationalDialect Sql => SqliteDialect.Instance;

    public DbConnection Connection => _connection;

    public DbTransaction Transaction => _transaction;

    // SQLite runs in-process: there is no round trip to save by holding writes back, so each runs at once.
    public bool HasHeldWrites => false;

    public Task WriteAsync(string sql, IReadOnlyList<ReadModelParameter> parameters, CancellationToken cancellationToken = default)
    {
        _statements.Execute(_transaction, sql, parameters);
        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SaveCheckpointAsync(string name, long position, CancellationToken cancellationToken = default)
    {
        SqliteCheckpointStore.Save(_connection, _transaction, name, position);
        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_ownScope is null)
        {
            throw new InvalidOperationException("An inline projection runs inside the append's transaction; the append commits it.");
        }

        _ownScope.Commit();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _ownScope?.Dispose();
        return ValueTask.CompletedTask;
    }
}
