using System.Data.Common;

namespace Ledger.EventStore.Projections;

/// <summary>
/// The live transaction seen through other table names: every table resolves to a temporary shadow table
/// (<c>replay_{name}</c>) that only this connection sees and that vanishes with the transaction. A projection
/// applied through it cannot reach the live tables by name, and nothing it does outlives the replay.
/// </summary>
internal sealed class ShadowTransaction(IReadModelTransaction live) : IReadModelTransaction, IRelationalTransaction
{
    public SqlDialect Dialect => live.Dialect;

    public RelationalDialect Sql => live.SqlOf();

    public DbConnection Connection => live.Connection;

    public DbTransaction Transaction => live.Transaction;

    public bool HasHeldWrites => live.HasHeldWrites;

    public string Table(string name) => ProjectionSchema.ShadowPrefix + name;

    public Task WriteAsync(string sql, IReadOnlyList<ReadModelParameter> parameters, CancellationToken cancellationToken = default) =>
        live.WriteAsync(sql, parameters, cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken = default) => live.FlushAsync(cancellationToken);

    public Task SaveCheckpointAsync(string name, long position, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A replay never saves checkpoints: its tables are thrown away with it.");

    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A replay is never committed: that is what keeps the live tables untouched.");

    // The replay owns the live transaction and disposes it (rolling back); the shadow view has nothing of its own.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
