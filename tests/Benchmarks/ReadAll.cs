using System.Diagnostics;
using Ledger.EventStore;

namespace Ledger.Benchmarks;

/// <summary>The read-all figures at one ledger size.</summary>
/// <param name="Events">Events in the store.</param>
/// <param name="StorePerSecond">Best of the timed <c>ReadAllAsync(0)</c> passes, events per second.</param>
/// <param name="RawPerSecond">Best of the raw sequential reads of the same rows, rows per second.</param>
/// <param name="Memory">Memory used during the best timed store pass.</param>
/// <param name="RetainedBytes">Highest live managed heap (after forced full collections) above the baseline during a read.</param>
public sealed record ReadAllFigures(long Events, double StorePerSecond, double RawPerSecond, MemoryUse Memory, long RetainedBytes);

/// <summary>Times the store's read-all against the raw read, measures its memory and checks what it read.</summary>
public static class ReadAll
{
    private const int Passes = 3;

    /// <summary>Interleaves raw and store passes (noise hits both), keeps the best of each, then a memory pass.</summary>
    public static async Task<ReadAllFigures> MeasureAsync(IBenchBackend backend, ILedgerStore store, long expected, CancellationToken cancellationToken)
    {
        double bestStore = 0, bestRaw = 0;
        MemoryUse? memory = null;
        for (var pass = 0; pass < Passes; pass++)
        {
            var clock = Stopwatch.StartNew();
            var rows = await backend.RawReadAllAsync(store, cancellationToken);
            var rawRate = rows / clock.Elapsed.TotalSeconds;
            Check(rows, expected, "raw read");
            bestRaw = Math.Max(bestRaw, rawRate);

            await using var probe = MemoryProbe.Start();
            clock.Restart();
            var (events, _) = await ReadAsync(store, expected, verify: false, cancellationToken);
            var storeRate = events / clock.Elapsed.TotalSeconds;
            var use = await probe.StopAsync();
            Check(events, expected, "ReadAllAsync");
            if (storeRate > bestStore)
            {
                (bestStore, memory) = (storeRate, use);
            }

            Console.Error.WriteLine($"    pass {pass + 1}: raw {rawRate:N0} rows/s, store {storeRate:N0} events/s");
        }

        var (_, retained) = await ReadAsync(store, expected, verify: true, cancellationToken);
        return new ReadAllFigures(expected, bestStore, bestRaw, memory!, retained);
    }

    /// <summary>
    /// Reads everything. With <paramref name="verify"/>, also recomputes every hash chain and version sequence and
    /// measures the live heap after a forced full collection at ten points; returns the highest, above the baseline.
    /// </summary>
    private static async Task<(long Events, long RetainedBytes)> ReadAsync(
        ILedgerStore store, long expected, bool verify, CancellationToken cancellationToken)
    {
        var baseline = verify ? GC.GetTotalMemory(forceFullCollection: true) : 0;
        var every = Math.Max(1, expected / 10);
        var heads = verify ? new Dictionary<string, (long Version, string Hash)>() : null;
        long events = 0, lastPosition = 0, retained = 0;
        await foreach (var e in store.ReadAllAsync(0, cancellationToken))
        {
            if (e.Position <= lastPosition)
            {
                throw new InvalidOperationException($"ReadAllAsync went from position {lastPosition} back to {e.Position}.");
            }

            lastPosition = e.Position;
            events++;
            if (heads is null)
            {
                continue;
            }

            var (version, previous) = heads.GetValueOrDefault(e.StreamId, (0, EventHasher.GenesisHash));
            if (e.StreamVersion != version + 1 || EventHasher.Compute(previous, e) != e.Hash)
            {
                throw new InvalidOperationException($"Stream {e.StreamId} is broken at version {e.StreamVersion} (position {e.Position}).");
            }

            heads[e.StreamId] = (e.StreamVersion, e.Hash);
            if (events % every == 0)
            {
                retained = Math.Max(retained, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Check(events, expected, "ReadAllAsync");
        return (events, retained);
    }

    private static void Check(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"The {what} returned {actual:N0} rows; the store holds {expected:N0} events.");
        }
    }
}
