namespace Ledger.EventStore;

/// <summary>
/// The ledger's event store: append-only streams with optimistic concurrency, atomic multi-stream appends,
/// idempotency keys stored with the events, per-stream hash chains and an ordered global feed.
/// Nothing is ever updated or deleted in the event tables.
/// </summary>
public interface IEventStore
{
    /// <summary>Which database this is, for read models that need dialect-specific SQL.</summary>
    SqlDialect Dialect { get; }

    /// <summary>
    /// Creates or migrates the schema. Throws <see cref="EventStoreUnavailableException"/> with a clear message when
    /// the database cannot be reached or opened, is not a ledger database, or was written by a newer version.
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends to one or more streams in one transaction: all or nothing. Each stream's version is checked
    /// against its expectation first; on a mismatch <see cref="ConcurrencyException"/> names the stream and
    /// nothing is appended. With an <paramref name="idempotency"/> key that is already stored, the original
    /// result comes back with <see cref="AppendResult.Replayed"/> set and nothing is appended; the same key for
    /// a different request hash throws <see cref="IdempotencyConflictException"/>.
    /// Inline projections run inside the same transaction.
    /// </summary>
    Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends as <see cref="AppendAsync(IReadOnlyList{StreamAppend}, IdempotencyKey?, CancellationToken)"/> does, and
    /// calls <paramref name="written"/> once the append is written into a transaction that no later check can refuse:
    /// from then on only that transaction's COMMIT can fail, and then the returned task fails too. Both stores call it
    /// before the COMMIT where they can (in group commit, once the append is written, on PostgreSQL once the append
    /// function has returned), so requests waiting in-process for these streams can decide on the written state and join
    /// the same batch; their expected versions still referee. An append that is one statement alone is heard after its
    /// commit. Not called for a replayed or refused append.
    /// It may run on the store's writer: keep it short, and never throw.
    /// </summary>
    async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult> written, CancellationToken cancellationToken)
    {
        var result = await AppendAsync(appends, idempotency, cancellationToken).ConfigureAwait(false);
        if (!result.Replayed)
        {
            written(result);
        }

        return result;
    }

    /// <summary>Reads one stream in version order, starting at <paramref name="fromVersion"/>. An unknown stream is empty.</summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        string streamId, long fromVersion = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every event after <paramref name="afterPosition"/> in global order, up to the high-water mark:
    /// never past a position that an unfinished transaction may still fill. Streams in batches, so memory does
    /// not grow with the number of events. Call again from the last position seen to follow the ledger.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default);

    /// <summary>The last event below the high-water mark.</summary>
    Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored idempotency key, or null. Lets a handler answer a retry before deciding again.</summary>
    Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Named checkpoints of consumers that follow the global feed.</summary>
    ICheckpointStore Checkpoints { get; }

    /// <summary>
    /// Opens a transaction on the store's own database for a read model that lives there: its writes and its
    /// checkpoint commit together, so a crash never leaves them apart.
    /// </summary>
    Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a read-only snapshot of the store's database for a read model's queries: what was committed when it
    /// opened, never what an open transaction has written. Unlike <see cref="BeginReadModelTransactionAsync"/> it never
    /// waits for the writer (on SQLite a read model's transaction holds the one writer, so a query there queued behind
    /// every append). Writes through it are refused.
    /// </summary>
    Task<IReadModelTransaction> BeginReadModelQueryAsync(CancellationToken cancellationToken = default);

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

/// <summary>What the store's <c>streams</c> table records for one stream.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">The version of its last event, as the appender recorded it.</param>
/// <param name="LastHash">The hash of its last event where the backend records it beside the version (PostgreSQL), else null (SQLite).</param>
public sealed record StreamHead(string StreamId, long Version, string? LastHash);

/// <summary>Which SQL the store's database speaks.</summary>
public enum SqlDialect
{
    /// <summary>The embedded SQLite store.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql.</summary>
    Postgres,
}
