using Ledger.EventStore;
using Ledger.Testing;

namespace Ledger.Tests.Domain.Handlers;

/// <summary>
/// The real store, but just before the first append it lets a competing request run to completion, so the first
/// append was decided on state that is now stale and must fail with a concurrency conflict.
/// </summary>
public sealed class RacingStore(ILedgerStore inner, Func<Task> competitor) : DelegatingEventStore(inner)
{
    private int _appends;

    /// <summary>True once the competitor ran.</summary>
    public bool Raced { get; private set; }

    public override async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _appends) == 1)
        {
            await competitor();
            Raced = true;
        }

        return await Inner.AppendAsync(appends, idempotency, cancellationToken);
    }
}
