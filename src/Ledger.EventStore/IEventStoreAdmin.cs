namespace Ledger.EventStore;

/// <summary>What operators and the auditor do to the store as a whole: create its schema, import, read its stream table.</summary>
public interface IEventStoreAdmin
{
    /// <summary>
    /// Creates or migrates the schema. Throws <see cref="EventStoreUnavailableException"/> with a clear message when
    /// the database cannot be reached or opened, is not a ledger database, or was written by a newer version.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The store's own record of every stream (the <c>streams</c> table), ordered by stream id and streamed, so
    /// memory does not grow with the number of streams. The auditor compares it with the events: a stream whose
    /// events end before its recorded version was truncated; events beyond it were inserted behind the store's back.
    /// </summary>
    IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports recorded events (an export of another ledger, in global order) into this EMPTY store, keeping each
    /// event's id, stream, version, position, recorded-at time and hash, in one transaction written in batches.
    /// Every event's hash is recomputed from the previous one in its stream before it is written; a broken chain,
    /// a position that does not increase, or a store that already holds events throws
    /// <see cref="ImportRefusedException"/> and leaves the store as it was. Idempotency keys and checkpoints are
    /// not part of an import. Inline projections see the imported events in the same transaction.
    /// </summary>
    Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken = default);
}

/// <summary>A whole event store (both backends are one): the everyday contract, its read-model database and its administration.</summary>
public interface ILedgerStore : IEventStore, IReadModelStore, IEventStoreAdmin
{
}

/// <summary>What the store's <c>streams</c> table records for one stream.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">The version of its last event, as the appender recorded it.</param>
/// <param name="LastHash">The hash of its last event where the backend records it beside the version (PostgreSQL), else null (SQLite).</param>
public sealed record StreamHead(string StreamId, long Version, string? LastHash);
