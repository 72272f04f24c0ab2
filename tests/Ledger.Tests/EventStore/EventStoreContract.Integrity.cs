using Microsoft.Extensions.Time.Testing;
using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

public abstract partial class EventStoreContract<TFactory>
{
    [Fact]
    public async Task Stored_hashes_chain_each_stream_from_genesis_over_exactly_what_was_given()
    {
        var clock = new FakeTimeProvider(T0);
        var store = await NewStoreAsync(new EventStoreOptions { Clock = clock });
        var given = new List<(NewEvent Event, DateTimeOffset At)>();
        for (var batch = 1; batch <= 3; batch++)
        {
            var events = Events(batch, $"b{batch}-");
            await store.AppendAsync("s-chain", ExpectedVersion.Any, events);
            await store.AppendAsync("s-noise", ExpectedVersion.Any, Events(1));
            given.AddRange(events.Select(e => (e, clock.GetUtcNow())));
            clock.Advance(TimeSpan.FromMilliseconds(1.5));
        }

        var stored = await ReadStreamAsync(store, "s-chain");

        Assert.Equal(given.Count, stored.Count);
        var previous = EventHasher.GenesisHash;
        for (var i = 0; i < stored.Count; i++)
        {
            var (e, at) = given[i];
            var expected = EventHasher.Compute(previous, e.EventId, e.Type, "s-chain", i + 1, e.Data, e.Metadata.ToJson(), at);
            Assert.Equal(expected, stored[i].Hash);
            Assert.Equal(expected, EventHasher.Compute(previous, stored[i]));
            previous = stored[i].Hash;
        }
    }

    [Fact]
    public async Task The_head_is_the_last_event_with_its_hash_and_the_event_count()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-1", ExpectedVersion.NoStream, Events(2));
        await store.AppendAsync("s-2", ExpectedVersion.NoStream, Events(3));

        var head = await store.ReadHeadAsync();

        var last = (await ReadAllAsync(store))[^1];
        Assert.Equal(new LedgerHead(last.Position, last.Hash, 5), head);
    }

    [Fact]
    public async Task Data_and_metadata_round_trip_exactly_including_Chinese_text()
    {
        var store = await NewStoreAsync();
        const string data = """{ "name":"张三家", "items": ["粮油", "茶具"],"note":"洗车 \"快\" \\ ok","points": 120 }""";
        var metadata = new EventMetadata("key:审计员", "corr-积分", "cause-1", "idem-兑换");
        var given = new NewEvent(Guid.NewGuid(), "PointsAwarded.v1", data, metadata);

        await store.AppendAsync("household-HB001", ExpectedVersion.NoStream, [given]);

        var stored = Assert.Single(await ReadAllAsync(store));
        Assert.Equal(given.EventId, stored.EventId);
        Assert.Equal("PointsAwarded.v1", stored.Type);
        Assert.Equal("household-HB001", stored.StreamId);
        Assert.Equal(data, stored.Data);
        Assert.Equal(metadata.ToJson(), stored.MetadataJson);
        Assert.Equal(metadata, stored.Metadata);
    }

    [Fact]
    public async Task Recorded_at_comes_from_the_clock_in_UTC_truncated_to_the_microsecond()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 14, 14, 7, 8, TimeSpan.FromHours(8)).AddTicks(9_876_543));
        var store = await NewStoreAsync(new EventStoreOptions { Clock = clock });

        await store.AppendAsync("s-time", ExpectedVersion.NoStream, Events(2));

        var expected = new DateTimeOffset(2025, 3, 14, 6, 7, 8, TimeSpan.Zero).AddTicks(9_876_540);
        Assert.All(await ReadStreamAsync(store, "s-time"), e =>
        {
            Assert.Equal(expected, e.RecordedAt);
            Assert.Equal(TimeSpan.Zero, e.RecordedAt.Offset);
            Assert.Equal(expected.UtcTicks, e.RecordedAt.UtcTicks);
        });
    }

    [Fact]
    public async Task An_append_whose_BeforeCommit_throws_leaves_no_event_version_or_key_behind()
    {
        var failures = 1;
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            BeforeCommit = (_, _) => Interlocked.Decrement(ref failures) >= 0
                ? Task.FromException(new InvalidOperationException("injected failure"))
                : Task.CompletedTask,
        });
        var key = Key();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.AppendAsync("s-fail", ExpectedVersion.NoStream, Events(2), key));

        Assert.Equal("injected failure", ex.Message);
        Assert.Empty(await ReadAllAsync(store));
        Assert.Empty(await ReadStreamAsync(store, "s-fail"));
        Assert.Null(await store.FindIdempotencyKeyAsync(key.Key));
        Assert.Equal(new LedgerHead(0, EventHasher.GenesisHash, 0), await store.ReadHeadAsync());
        var retry = await store.AppendAsync("s-fail", ExpectedVersion.NoStream, Events(2), key);
        Assert.False(retry.Replayed);
        Assert.Equal(2, retry.NextExpectedVersion);
    }
}
