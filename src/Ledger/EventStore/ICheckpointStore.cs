using System.Data.Common;

namespace Ledger.EventStore;

/// <summary>Where consumers of the global feed remember how far they got.</summary>
public interface ICheckpointStore
{
    /// <summary>The position saved under <paramref name="name"/>, or 0 when none was saved.</summary>
    Task<long> LoadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="position"/> under <paramref name="name"/> in its own transaction.</summary>
    Task SaveAsync(string name, long position, CancellationToken cancellationToken = default);
}

/// <summary>
/// A transaction on the store's database for a read model. Its SQL, checkpoint and (for inline projections)
/// the appended events all commit or roll back together.
/// </summary>
public interface IReadModelTransaction : IAsyncDisposable
{
    /// <summary>Which SQL the connection speaks.</summary>
    SqlDialect Dialect { get; }

    /// <summary>The open connection.</summary>
    DbConnection Connection { get; }

    /// <summary>The transaction every command must join.</summary>
    DbTransaction Transaction { get; }

    /// <summary>Saves a checkpoint inside this transaction.</summary>
    Task SaveCheckpointAsync(string name, long position, CancellationToken cancellationToken = default);

    /// <summary>
    /// The physical name of a read model's table. A live transaction answers <paramref name="name"/> itself; a
    /// replay (<see cref="Projections.ProjectionReplay"/>) answers a temporary shadow table's name, so the same
    /// projection code rebuilds beside the live tables without touching them. Projections name every table they
    /// read or write through this.
    /// </summary>
    string Table(string name) => name;

    /// <summary>Commits. Disposing without committing rolls back.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
