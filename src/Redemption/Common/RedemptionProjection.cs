using Ledger.EventStore;

namespace Ledger.Redemption.Common;

/// <summary>
/// A read model of the supermarket kept inline: updated in the append's own transaction, so it is never behind the
/// events. Each event is applied on its own with additive SQL; a rebuild clears the tables and applies the whole ledger
/// in order, which must give the same rows as the live model (the auditor's invariant 4).
/// </summary>
public abstract class RedemptionProjection : IInlineProjection
{
    /// <summary>The tables this read model owns, cleared by a rebuild.</summary>
    protected abstract IReadOnlyList<string> Tables { get; }

    /// <summary>Idempotent DDL, statements separated by <c>;</c>.</summary>
    protected abstract string Schema { get; }

    /// <inheritdoc />
    public Task EnsureSchemaAsync(IReadModelTransaction transaction, CancellationToken cancellationToken) =>
        ReadModelSql.EnsureAsync(transaction, Schema, cancellationToken);

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await ApplyAsync(transaction, e, cancellationToken);
        }
    }

    /// <summary>Applies one event; types it does not know are ignored.</summary>
    protected abstract Task ApplyAsync(IReadModelTransaction transaction, RecordedEvent e, CancellationToken cancellationToken);

    /// <summary>
    /// Rebuilds the tables from the whole ledger, for the operator's replay and for audits. Run it while nothing is
    /// appending: an append committing between the read and the rewrite would be counted by neither.
    /// </summary>
    public async Task RebuildAsync(IEventStore store, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        await EnsureSchemaAsync(transaction, cancellationToken);
        foreach (var table in Tables)
        {
            await ReadModelSql.ExecuteAsync(transaction, $"DELETE FROM {table}", cancellationToken);
        }

        await foreach (var e in store.ReadAllAsync(0, cancellationToken))
        {
            await ApplyAsync(transaction, e, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
