using System.Data.Common;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// A transaction on the store's database for a read model: either one of its own, or (for inline projections)
/// the append's, which the appender commits. Lent to inline projections it holds their writes and sends them in one
/// batch (<see cref="FlushAsync"/>): the append keeps its streams locked until commit, so every round trip saved there
/// is time other clerks at the same item do not wait. The commit queue lends one to all the appends of a pipeline and
/// says whose writes come next (<see cref="Owner"/>), so a failed write is laid at its own append's door.
/// </summary>
internal sealed class PostgresReadModelTransaction(
    NpgsqlConnection connection, NpgsqlTransaction transaction, bool ownsConnection, bool holdWrites = false)
    : IReadModelTransaction, IRelationalTransaction
{
    private readonly List<int> _owners = [];
    private NpgsqlBatch? _held;

    public SqlDialect Dialect => SqlDialect.Postgres;

    public RelationalDialect Sql => PostgresDialect.Instance;

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public bool HasHeldWrites => _held is not null;

    /// <summary>The caller's number for the append whose writes are held from now on.</summary>
    public int Owner { get; set; }

    /// <summary>The <see cref="Owner"/> of the write a flush failed at, once one has.</summary>
    public int? FailedOwner { get; private set; }

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
    public void Hold(NpgsqlBatchCommand command)
    {
        (_held ??= new NpgsqlBatch(connection, transaction)).BatchCommands.Add(command);
        _owners.Add(Owner);
    }

    /// <summary>
    /// Hands over the held writes unsent, for the caller to send with statements of its own, and the
    /// <see cref="Owner"/> of each.
    /// </summary>
    public NpgsqlBatch? TakeHeld(out int[] owners)
    {
        var held = _held;
        owners = [.. _owners];
        _held = null;
        _owners.Clear();
        return held;
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = TakeHeld(out var owners);
        if (batch is null)
        {
            return;
        }

        await using (batch)
        {
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException) when (FailedIn(batch) is { } failedAt)
            {
                FailedOwner = owners[failedAt];
                throw;
            }
        }
    }

    /// <summary>
    /// Which statement of the batch failed: the first the server did not complete (this driver does not name the
    /// failed statement of a batch in an explicit transaction). Null if every one completed.
    /// </summary>
    internal static int? FailedIn(NpgsqlBatch batch)
    {
        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i].StatementType == StatementType.Unknown)
            {
                return i;
            }
        }

        return null;
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
