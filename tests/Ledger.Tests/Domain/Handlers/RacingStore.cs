using Ledger.EventStore;

namespace Ledger.Tests.Domain.Handlers;

/// <summary>
/// The real store, but just before the first append it lets a competing request run to completion, so the first
/// append was decided on state that is now stale and must fail with a concurrency conflict.
/// </summary>
public sealed class RacingStore(IEventStore inner, Func<Task> competitor) : IEventStore
{
    private int _appends;

    /// <summary>True once the competitor ran.</summary>
    public bool Raced { get; private set; }

    public SqlDialect Dialect => inner.Dialect;

    public ICheckpointStore Checkpoints => inner.Checkpoints;

    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _appends) == 1)
        {
            await competitor();
            Raced = true;
        }

        return await inner.AppendAsync(appends, idempotency, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(afterPosition, cancellationToken);

    public Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

    public Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        inner.FindIdempotencyKeyAsync(key, cancellationToken);

    public Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default) =>
        inner.BeginReadModelTransactionAsync(cancellationToken);

    public IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync(CancellationToken cancellationToken = default) =>
        inner.ReadStreamHeadsAsync(cancellationToken);

    public Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken = default) =>
        inner.ImportAsync(events, cancellationToken);
}
