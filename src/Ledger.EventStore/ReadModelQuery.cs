using System.Data.Common;

namespace Ledger.EventStore;

/// <summary>
/// A read-only snapshot of the store's database for a read model's queries (<see cref="IReadModelStore.BeginReadModelQueryAsync"/>).
/// It owns its connection. The database refuses writes on it too: SQLite opens it read-only, PostgreSQL runs the
/// transaction <c>READ ONLY</c>. <paramref name="settle"/>, awaited when it is disposed, holds the caller's answer until
/// what it read is on disk (SQLite shows a commit before it is synced; see <c>SqliteWalSync</c>).
/// </summary>
internal sealed class ReadModelQuery(RelationalDialect dialect, DbConnection connection, DbTransaction transaction, Func<Task>? settle = null)
    : IReadModelTransaction, IRelationalTransaction
{
    public SqlDialect Dialect => dialect.Kind;

    public RelationalDialect Sql => dialect;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public bool HasHeldWrites => false;

    public Task WriteAsync(string sql, IReadOnlyList<ReadModelParameter> parameters, CancellationToken cancellationToken = default) =>
        throw ReadOnly();

    public Task SaveCheckpointAsync(string name, long position, CancellationToken cancellationToken = default) => throw ReadOnly();

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Ends the snapshot; there is nothing to make durable.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        if (settle is not null)
        {
            await settle().ConfigureAwait(false);
        }
    }

    private static InvalidOperationException ReadOnly() =>
        new("A read-model query is read-only: write in a transaction from BeginReadModelTransactionAsync.");
}
