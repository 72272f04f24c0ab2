using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>The store's side of the append measurement: one award per append, as the API's handlers append.</summary>
public static class StoreAppend
{
    /// <summary>
    /// Runs <paramref name="writers"/> writers against <paramref name="store"/>. Each appends one event to a
    /// household of its own partition with the exact expected version (as a handler that has just loaded the stream).
    /// </summary>
    public static Task<LoopResult> RunAsync(IEventStore store, int writers, BenchOptions options, CancellationToken cancellationToken) =>
        ClosedLoop.RunAsync(writers, options.Warmup, TimeSpan.FromSeconds(options.Seconds), writer =>
        {
            var households = Workload.HouseholdsOf(writer, writers, options.Households);
            var versions = new long[households.Length];
            var random = new Random(writer);
            return async ct =>
            {
                var k = random.Next(households.Length);
                var household = households[k];
                var result = await store.AppendAsync(
                    Workload.StreamOf(household), ExpectedVersion.Exactly(versions[k]), [Workload.Award(household)], null, ct);
                versions[k] = result.NextExpectedVersion;
            };
        }, cancellationToken);
}
