using Ledger.EventStore;

namespace Ledger.Tests.Domain.Handlers;

/// <summary>
/// The real store with a starting gate: the first <paramref name="parties"/> appends wait until all of them have
/// arrived, so every one of them decided on the same state and all but one must lose the race. Makes contention
/// certain instead of hoping the scheduler produces it.
/// </summary>
public sealed class GatedStore(IEventStore inner, int parties) : IEventStore
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public SqlDialect Dialect => inner.Dialect;

    public ICheckpointStore Checkpoints => inner.Checkpoints;

    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default)
    {
        var arrival = Interlocked.Increment(ref _arrived);
        if (arrival <= parties)
        {
            if (arrival == parties)
            {
                _gate.TrySetResult();
            }

            await _gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
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
