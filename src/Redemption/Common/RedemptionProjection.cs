using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Redemption.Common;

/// <summary>
/// A read model of the supermarket: each event is applied on its own with additive SQL. The supermarket's are run
/// inline (the counter reads its own writes), so a rebuild through <see cref="ProjectionDaemon"/> must give the same
/// rows as the live model (the auditor's invariant 4).
/// </summary>
public abstract class RedemptionProjection : IProjection
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<ReadModelTable> Tables { get; }

    /// <inheritdoc />
    public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            await ApplyAsync(transaction, e, cancellationToken);
        }
    }

    /// <summary>Applies one event; types it does not know are ignored. Tables are named through <see cref="IReadModelTransaction.Table"/>.</summary>
    protected abstract Task ApplyAsync(IReadModelTransaction transaction, RecordedEvent e, CancellationToken cancellationToken);
}
