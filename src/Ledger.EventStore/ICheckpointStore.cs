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

    /// <summary>
    /// Runs a statement that writes and reads nothing back: the hot path of every projection. SQLite runs it at once
    /// from a statement compiled once per connection (compiling costs more than running a one-row write). PostgreSQL may
    /// hold it and send every held write in one round trip at <see cref="FlushAsync"/> or the commit: an append's inline
    /// projections then cost one round trip, not one per row, while the append holds its streams' locks.
    /// </summary>
    Task WriteAsync(string sql, IReadOnlyList<ReadModelParameter> parameters, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the writes <see cref="WriteAsync"/> held back. A projection that reads after writing in the same
    /// transaction flushes first; <see cref="Projections.ReadModelSql.CreateCommand"/> refuses while writes are held.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>True while <see cref="WriteAsync"/> holds writes not yet sent.</summary>
    bool HasHeldWrites { get; }

    /// <summary>Commits. Disposing without committing rolls back.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>A named statement parameter of <see cref="IReadModelTransaction.WriteAsync"/>.</summary>
/// <param name="Name">As written in the SQL, e.g. <c>@sku</c>.</param>
/// <param name="Value">The value; null is SQL NULL.</param>
/// <param name="Type">The type, when null must still be typed (PostgreSQL cannot infer an untyped null everywhere).</param>
public readonly record struct ReadModelParameter(string Name, object? Value, System.Data.DbType? Type = null);
