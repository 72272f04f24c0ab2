using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.Projections;

public abstract partial class ProjectionContract<TFactory>
{
    [Fact]
    public async Task An_inline_projection_holds_every_appended_event_as_soon_as_the_append_returns()
    {
        var inline = new CountingProjection("inline_counts");
        var (store, _) = await NewLedgerAsync(inline: [inline]);

        await SeedAsync(store, 250, streams: 7, perAppend: 40);
        await store.AppendAsync("solo", ExpectedVersion.NoStream, [Event(Earned, 5)]);

        await AssertHoldsAsync(store, inline, await ReadAllAsync(store));
    }

    [Fact]
    public async Task An_inline_projection_that_throws_fails_the_append_and_leaves_neither_events_nor_rows()
    {
        var inline = new CountingProjection("inline_counts");
        var (store, _) = await NewLedgerAsync(inline: [inline]);
        await SeedAsync(store, 20, streams: 3);
        var before = await DumpAsync(store, inline.StreamsTable);
        inline.FailOn = e => e.StreamId == "poison";

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.AppendAsync([new StreamAppend("s-0", ExpectedVersion.Any, [Event(Earned, 1)]), new StreamAppend("poison", ExpectedVersion.NoStream, [Event(Earned, 1)])]));

        Assert.Equal(20, (await ReadAllAsync(store)).Count);
        Assert.Equal(before, await DumpAsync(store, inline.StreamsTable));
    }

    [Fact]
    public async Task The_store_signals_each_committed_append_with_its_last_position_but_not_a_replay_or_a_failure()
    {
        var signal = new FeedSignal();
        var store = await factory.CreateStoreAsync(new EventStoreOptions { Appended = signal });
        var key = new IdempotencyKey("k-1", "h-1");

        var next = signal.Next;
        var first = await store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event(Earned, 1), Event(Earned, 2)], key);
        Assert.True(next.IsCompleted);
        Assert.Equal(first.LastPosition, signal.LastPosition);

        next = signal.Next;
        Assert.True((await store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event(Earned, 1)], key)).Replayed);
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event(Earned, 1)]));
        Assert.False(next.IsCompleted);
        Assert.Equal(first.LastPosition, signal.LastPosition);
    }
}
