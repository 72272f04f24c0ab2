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

    /// <summary>Commits. Disposing without committing rolls back.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A read model updated inside the append's own transaction, so it is never behind the events.
/// Registered with the store through <see cref="EventStoreOptions.InlineProjections"/>.
/// </summary>
public interface IInlineProjection
{
    /// <summary>Creates its tables if missing (idempotent DDL), inside <paramref name="transaction"/>.</summary>
    Task EnsureSchemaAsync(IReadModelTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Applies freshly appended events, in position order, inside the append's transaction.</summary>
    Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}
