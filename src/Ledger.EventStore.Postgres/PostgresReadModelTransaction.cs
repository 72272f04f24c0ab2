using System.Data.Common;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// A transaction on the store's database for a read model: either one of its own, or (for inline projections)
/// the append's, which the appender commits. Lent to inline projections it holds their writes and sends them in one
/// batch (<see cref="FlushAsync"/>): the append keeps its streams locked until commit, so every round trip saved there
/// is time other clerks at the same item do not wait.
/// </summary>
internal sealed class PostgresReadModelTransaction(
    NpgsqlConnection connection, NpgsqlTransaction transaction, bool ownsConnection, bool holdWrites = false)
    : IReadModelTransaction, IRelationalTransaction
{
    private NpgsqlBatch? _held;

    public SqlDialect Dialect => SqlDialect.Postgres;

    public RelationalDialect Sql => PostgresDialect.Instance;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public bool HasHeldWrites => _held is not null;

    public Task SaveCheckpointAsync(string name, long position, CancellationToken cancellationToken = default) =>
        PostgresCheckpointStore.SaveAsync(connection, transaction, name, position, cancellationToken);

    public async Task WriteAsync(string sql, IReadOnlyList<ReadModelParameter> parameters, CancellationToken cancellationToken = default)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
        {
            var parameter = new NpgsqlParameter(p.Name, p.Value ?? DBNull.Value);
            if (p.Type is { } type)
            {
                parameter.DbType = type;
            }

            command.Parameters.Add(parameter);
        }

        Hold(command);
        if (!holdWrites)
        {
            await FlushAsync(cancellationToken);
        }
    }

    /// <summary>Adds a statement of the store's own (the idempotency row) to the held writes.</summary>
    public void Hold(NpgsqlBatchCommand command) => (_held ??= new NpgsqlBatch(connection, transaction)).BatchCommands.Add(command);

    /// <summary>Hands over the held writes unsent, for the caller to send with a statement of its own.</summary>
    public NpgsqlBatch? TakeHeld()
    {
        var held = _held;
        _held = null;
        return held;
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_held is { } batch)
        {
            _held = null;
            await using (batch)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!ownsConnection)
        {
            throw new InvalidOperationException("An inline projection runs in the append's transaction; the append commits it.");
        }

        await FlushAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_held is { } batch)
        {
            await batch.DisposeAsync();
        }

        if (ownsConnection)
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
