namespace Ledger.EventStore;

/// <summary>
/// The ledger's event store: append-only streams with optimistic concurrency, atomic multi-stream appends,
/// idempotency keys stored with the events, per-stream hash chains and an ordered global feed.
/// Nothing is ever updated or deleted in the event tables. This is what command handlers and followers of the feed
/// need; read models' SQL goes through <see cref="IReadModelStore"/>, schema, import and the auditor's view of the
/// <c>streams</c> table through <see cref="IEventStoreAdmin"/>, and <see cref="ILedgerStore"/> is all three.
/// </summary>
public interface IEventStore
{
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
}
