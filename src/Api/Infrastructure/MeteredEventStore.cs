using System.Diagnostics;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The server's store with its appends counted and timed (<see cref="LedgerMetrics.Appends"/>); every other call goes
/// straight through. The group-commit overload with its <c>written</c> hook is passed on as such, so the store's own
/// early signal still reaches the caller.
/// </summary>
internal sealed class MeteredEventStore(ILedgerStore inner, LedgerMetrics metrics) : ILedgerStore, IAsyncDisposable
{
    private int _disposed;

    public SqlDialect Dialect => inner.Dialect;

    public ICheckpointStore Checkpoints => inner.Checkpoints;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default) =>
        MeasureAsync(appends, () => inner.AppendAsync(appends, idempotency, cancellationToken));

    public Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult> written, CancellationToken cancellationToken) =>
        MeasureAsync(appends, () => inner.AppendAsync(appends, idempotency, written, cancellationToken));

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(afterPosition, cancellationToken);

    public Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default) => inner.ReadHeadAsync(cancellationToken);

    public Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        inner.FindIdempotencyKeyAsync(key, cancellationToken);

    public Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default) =>
        inner.BeginReadModelTransactionAsync(cancellationToken);

    public Task<IReadModelTransaction> BeginReadModelQueryAsync(CancellationToken cancellationToken = default) =>
        inner.BeginReadModelQueryAsync(cancellationToken);

    public IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync(CancellationToken cancellationToken = default) =>
        inner.ReadStreamHeadsAsync(cancellationToken);

    public Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken = default) =>
        inner.ImportAsync(events, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The container hands this one store out under each of its faces and disposes it once per face.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private async Task<AppendResult> MeasureAsync(IReadOnlyList<StreamAppend> appends, Func<Task<AppendResult>> append)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await append();
            outcome = result.Replayed ? "replayed" : "ok";
            if (!result.Replayed)
            {
                metrics.AppendedEvents.Add(appends.Sum(a => a.Events.Count));
            }

            return result;
        }
        catch (ConcurrencyException)
        {
            outcome = "conflict";
            throw;
        }
        catch (Exception e) when (PostgresEventStore.IsUnavailable(e))
        {
            outcome = "unavailable";
            throw;
        }
        finally
        {
            metrics.Appends.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
