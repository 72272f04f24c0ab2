using System.Diagnostics;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.Projections;

public abstract partial class ProjectionContract<TFactory>
{
    [Fact]
    public async Task A_history_of_100_000_events_replayed_from_zero_equals_the_live_projections_inline_and_async()
    {
        var (inline, counts) = (new CountingProjection("inline_counts"), new CountingProjection("async_counts"));
        var (store, daemon) = await NewLedgerAsync(
            inline: [inline], asynchronous: [counts], options: new() { BatchSize = 2000, RebuildBatchSize = 10_000 });
        var clock = Stopwatch.StartNew();
        var lap = new List<string>();
        void Lap(string what)
        {
            lap.Add($"{what} {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
        }

        await SeedAsync(store, 100_000, streams: 1000, perAppend: 2000);
        Lap("seed with inline projection");
        await daemon.CatchUpAsync();
        Lap("async catch-up");
        var comparisons = await daemon.CompareAllAsync();
        Lap("compare both with a fresh replay");
        var live = await DumpAllAsync(store, inline, counts);
        await daemon.RebuildAllAsync();
        Lap("rebuild both");

        Output.WriteLine($"{store.Dialect}: {string.Join(", ", lap)}");
        var head = await store.ReadHeadAsync();
        Assert.Equal(100_000, head.Events);
        Assert.All(comparisons, c => Assert.True(c.Equal && c.Position == head.Position, c.ToString()));
        Assert.Equal(2 * (1000 + 2), live.Count); // per projection: a row per stream and per type
        Assert.Equal(live, await DumpAllAsync(store, inline, counts));
        await AssertHoldsAsync(store, counts, await ReadAllAsync(store));
    }
}
