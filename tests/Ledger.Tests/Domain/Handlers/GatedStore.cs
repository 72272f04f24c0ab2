using Ledger.EventStore;
using Ledger.Testing;

namespace Ledger.Tests.Domain.Handlers;

/// <summary>
/// The real store with a starting gate: the first <paramref name="parties"/> appends wait until all of them have
/// arrived, so every one of them decided on the same state and all but one must lose the race. Makes contention
/// certain instead of hoping the scheduler produces it.
/// </summary>
public sealed class GatedStore(ILedgerStore inner, int parties) : DelegatingEventStore(inner)
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public override async Task<AppendResult> AppendAsync(
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

        return await Inner.AppendAsync(appends, idempotency, cancellationToken);
    }
}
