using Ledger.EventStore;

namespace Ledger.Testing;

/// <summary>
/// A real store behind a test's interference: passes every call to <paramref name="inner"/>, and a test decorator
/// overrides only the calls it races, gates or breaks.
/// </summary>
public abstract class DelegatingEventStore(ILedgerStore inner) : ILedgerStore
{
    /// <summary>The store every call goes to.</summary>
    protected ILedgerStore Inner { get; } = inner;

    public virtual SqlDialect Dialect => Inner.Dialect;

    public virtual ICheckpointStore Checkpoints => Inner.Checkpoints;

    public virtual Task InitializeAsync(CancellationToken cancellationToken = default) => Inner.InitializeAsync(cancellationToken);

    public virtual Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default) =>
        Inner.AppendAsync(appends, idempotency, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        Inner.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) =>
        Inner.ReadAllAsync(afterPosition, cancellationToken);

    public virtual Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default) => Inner.ReadHeadAsync(cancellationToken);

    public virtual Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        Inner.FindIdempotencyKeyAsync(key, cancellationToken);

    public virtual Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default) =>
        Inner.BeginReadModelTransactionAsync(cancellationToken);

    public virtual Task<IReadModelTransaction> BeginReadModelQueryAsync(CancellationToken cancellationToken = default) =>
        Inner.BeginReadModelQueryAsync(cancellationToken);

    public virtual IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync(CancellationToken cancellationToken = default) =>
        Inner.ReadStreamHeadsAsync(cancellationToken);

    public virtual Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken = default) =>
        Inner.ImportAsync(events, cancellationToken);
}
