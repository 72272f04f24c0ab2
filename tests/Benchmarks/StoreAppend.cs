using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>The store's side of the append measurement: one award per append, as the API's handlers append.</summary>
/// <remarks>
/// Each writer appends one event to a household of its own partition with the exact expected version, as a
/// handler that has just loaded the stream does. The versions are kept across rounds.
/// </remarks>
public sealed class StoreAppend(ILedgerStore store, int writers, int households) : IAppendWorkload
{
    private readonly ClosedLoop.Operation[] _writers = Enumerable.Range(0, writers).Select(writer =>
    {
        var mine = Workload.HouseholdsOf(writer, writers, households);
        var versions = new long[mine.Length];
        var random = new Random(writer);
        return (ClosedLoop.Operation)(async ct =>
        {
            var k = random.Next(mine.Length);
            var household = mine[k];
            try
            {
                var result = await store.AppendAsync(
                    Workload.StreamOf(household), ExpectedVersion.Exactly(versions[k]), [Workload.Award(household)], null, ct);
                versions[k] = result.NextExpectedVersion;
            }
            catch (ConcurrencyException e)
            {
                // Only possible if an earlier append failed after committing: resynchronise, then count the failure.
                versions[k] = e.Actual;
                throw;
            }
        });
    }).ToArray();

    public Task<LoopResult> RunAsync(TimeSpan warmup, TimeSpan window, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(_writers, warmup, window, cancellationToken);

    public ValueTask DisposeAsync() => store is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
}
