using System.Diagnostics;
using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>
/// Fills a store for the read-all measurement through its own append API (so every hash chain is the store's
/// own), in large multi-stream appends: each append writes <c>batch</c> awards spread over 10 households.
/// </summary>
public sealed class StoreLoader(ILedgerStore store, int households, int batch)
{
    private const int StreamsPerAppend = 10;
    private readonly long[] _versions = new long[households + 1];
    private int _nextHousehold = 1;

    /// <summary>Events loaded so far.</summary>
    public long Loaded { get; private set; }

    /// <summary>Appends until the store holds <paramref name="total"/> events; returns the time taken.</summary>
    public async Task<TimeSpan> LoadUntilAsync(long total, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (Loaded < total)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Loading stopped after {clock.Elapsed:g} at {Loaded:N0} of {total:N0} events: the store loads too slowly for this run's bounds.");
            }

            var size = (int)Math.Min(batch, total - Loaded);
            var appends = new List<StreamAppend>(StreamsPerAppend);
            for (var s = 0; s < StreamsPerAppend && size > 0; s++)
            {
                var count = size / (StreamsPerAppend - s);
                if (count == 0)
                {
                    continue;
                }

                size -= count;
                var household = _nextHousehold;
                _nextHousehold = _nextHousehold % households + 1;
                var events = new NewEvent[count];
                for (var i = 0; i < count; i++)
                {
                    events[i] = Workload.Award(household);
                }

                appends.Add(new StreamAppend(Workload.StreamOf(household), ExpectedVersion.Exactly(_versions[household]), events));
                _versions[household] += count;
                Loaded += count;
            }

            await store.AppendAsync(appends, null, cancellationToken);
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine($"    loaded {Loaded:N0} / {total:N0} ({Loaded / clock.Elapsed.TotalSeconds:N0} events/s so far)");
            }
        }

        return clock.Elapsed;
    }
}
