using System.Data.Common;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// A transaction on the store's database for a read model: either one of its own, or (for inline projections)
/// the append's, which the appender commits.
/// </summary>
internal sealed class PostgresReadModelTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, bool ownsConnection)
    : IReadModelTransaction
{
    public SqlDialect Dialect => SqlDialect.Postgres;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Task SaveCheckpointAsync(string name, long position, CancellationToken cancellationToken = default) =>
        PostgresCheckpointStore.SaveAsync(connection, transaction, name, position, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        ownsConnection
            ? transaction.CommitAsync(cancellationToken)
            : throw new InvalidOperationException("An inline projection runs in the append's transaction; the append commits it.");

    public async ValueTask DisposeAsync()
    {
        if (ownsConnection)
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
