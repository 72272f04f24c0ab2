using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

public abstract partial class EventStoreContract<TFactory>
{
    [Fact]
    public async Task Appending_to_a_new_stream_with_NoStream_numbers_versions_from_1_and_positions_upwards()
    {
        var store = await NewStoreAsync();

        var first = await store.AppendAsync("s-1", ExpectedVersion.NoStream, Events(2));
        var second = await store.AppendAsync("s-1", ExpectedVersion.Exactly(2), Events(3));

        Assert.Equal(2, first.NextExpectedVersion);
        Assert.Equal(5, second.NextExpectedVersion);
        Assert.False(first.Replayed);
        var events = await ReadStreamAsync(store, "s-1");
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.StreamVersion));
        Assert.All(events.Zip(events.Skip(1)), p => Assert.True(p.First.Position < p.Second.Position));
        Assert.Equal(events[1].Position, first.LastPosition);
        Assert.Equal(events[4].Position, second.LastPosition);
        Assert.All(events, e => Assert.Equal("s-1", e.StreamId));
    }

    [Fact]
    public async Task An_appends_result_tells_the_time_the_store_recorded_its_events()
    {
        var store = await NewStoreAsync();

        var plain = await store.AppendAsync("s-t", ExpectedVersion.NoStream, Events(2));
        var keyed = await store.AppendAsync(
            [new StreamAppend("s-t", ExpectedVersion.Exactly(2), Events(1))], new IdempotencyKey("k-t", "h", _ => "{}"));

        var events = await ReadStreamAsync(store, "s-t");
        Assert.All(events, e => Assert.Equal(EventHasher.Truncate(T0), e.RecordedAt));
        Assert.Equal(events[0].RecordedAt, plain.RecordedAt);
        Assert.Equal(events[2].RecordedAt, keyed.RecordedAt);
    }

    [Fact]
    public async Task Any_appends_to_a_new_stream_and_to_an_existing_one()
    {
        var store = await NewStoreAsync();

        var created = await store.AppendAsync("s-any", ExpectedVersion.Any, Events(1));
        var extended = await store.AppendAsync("s-any", ExpectedVersion.Any, Events(2));

        Assert.Equal(1, created.NextExpectedVersion);
        Assert.Equal(3, extended.NextExpectedVersion);
    }

    [Fact]
    public async Task ReadStream_starts_at_the_version_asked_and_an_unknown_stream_is_empty()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-read", ExpectedVersion.NoStream, Events(5));
        await store.AppendAsync("s-other", ExpectedVersion.NoStream, Events(1));

        var fromThree = await ReadStreamAsync(store, "s-read", fromVersion: 3);

        Assert.Equal([3L, 4, 5], fromThree.Select(e => e.StreamVersion));
        Assert.Empty(await ReadStreamAsync(store, "s-unknown"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public async Task A_wrong_expected_version_names_stream_expected_and_actual_and_appends_nothing(long expected)
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-wrong", ExpectedVersion.NoStream, Events(2));

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(
            () => store.AppendAsync("s-wrong", ExpectedVersion.Exactly(expected), Events(1)));

        Assert.Equal("s-wrong", ex.StreamId);
        Assert.Equal(ExpectedVersion.Exactly(expected), ex.Expected);
        Assert.Equal(2, ex.Actual);
        Assert.Equal(2, (await ReadAllAsync(store)).Count);
    }

    [Fact]
    public async Task Expecting_a_version_of_a_stream_that_does_not_exist_reports_actual_0()
    {
        var store = await NewStoreAsync();

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(
            () => store.AppendAsync("s-missing", ExpectedVersion.Exactly(3), Events(1)));

        Assert.Equal(0, ex.Actual);
        Assert.Empty(await ReadAllAsync(store));
    }

    [Fact]
    public async Task Malformed_appends_are_refused_with_ArgumentException_and_store_nothing()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync([], null));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync("s-empty", ExpectedVersion.Any, []));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.AppendAsync(
            [
                new StreamAppend("s-twice", ExpectedVersion.Any, Events(1)),
                new StreamAppend("s-twice", ExpectedVersion.Any, Events(1)),
            ]));

        Assert.Empty(await ReadAllAsync(store));
    }

    [Fact]
    public async Task Sixteen_concurrent_appends_expecting_the_same_version_have_exactly_one_winner_per_round()
    {
        var store = await NewStoreAsync();
        const int rounds = 4;
        const int contenders = 16;

        for (var round = 0; round < rounds; round++)
        {
            var expected = ExpectedVersion.Exactly(round);
            using var start = new ManualResetEventSlim();
            var attempts = Enumerable.Range(0, contenders).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await store.AppendAsync("s-contested", expected, [Event($"r{expected.Value}-c{i}")]);
            })).ToArray();
            start.Set();
            await Task.WhenAny(Task.WhenAll(attempts), Task.Delay(Patience));

            var winners = attempts.Where(a => a.IsCompletedSuccessfully).ToList();
            var winner = Assert.Single(winners);
            Assert.Equal(round + 1, (await winner).NextExpectedVersion);
            foreach (var loser in attempts.Where(a => !a.IsCompletedSuccessfully))
            {
                var ex = Assert.IsType<ConcurrencyException>(loser.Exception?.InnerException);
                Assert.Equal("s-contested", ex.StreamId);
                Assert.Equal(expected, ex.Expected);
                Assert.Equal(round + 1, ex.Actual);
            }
        }

        var events = await ReadStreamAsync(store, "s-contested");
        Assert.Equal(Enumerable.Range(1, rounds).Select(v => (long)v), events.Select(e => e.StreamVersion));
        Assert.Equal(rounds, (await ReadAllAsync(store)).Count);
    }

    [Fact]
    public async Task A_multi_stream_append_returns_each_streams_version_in_the_order_given()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-a", ExpectedVersion.NoStream, Events(1));

        var result = await store.AppendAsync(
            [
                new StreamAppend("s-b", ExpectedVersion.NoStream, Events(2, "b")),
                new StreamAppend("s-a", ExpectedVersion.Exactly(1), Events(1, "a")),
            ]);

        Assert.Equal([new StreamVersion("s-b", 2), new StreamVersion("s-a", 2)], result.Streams);
        Assert.Equal(2, result.VersionOf("s-a"));
        var all = await ReadAllAsync(store);
        Assert.Equal(["s-a", "s-b", "s-b", "s-a"], all.Select(e => e.StreamId));
        Assert.Equal(all[^1].Position, result.LastPosition);
    }

    [Fact]
    public async Task A_multi_stream_append_with_one_wrong_version_appends_to_no_stream()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-a", ExpectedVersion.NoStream, Events(1));
        var before = await ReadAllAsync(store);

        var ex = await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync(
            [
                new StreamAppend("s-a", ExpectedVersion.Exactly(1), Events(1, "a")),
                new StreamAppend("s-b", ExpectedVersion.Exactly(5), Events(1, "b")),
            ]));

        Assert.Equal("s-b", ex.StreamId);
        Assert.Equal(ExpectedVersion.Exactly(5), ex.Expected);
        Assert.Equal(0, ex.Actual);
        Assert.Single(await ReadStreamAsync(store, "s-a"));
        Assert.Empty(await ReadStreamAsync(store, "s-b"));
        Assert.Equal(before.Select(e => e.EventId), (await ReadAllAsync(store)).Select(e => e.EventId));
        Assert.Equal(before[^1].Position, (await store.ReadHeadAsync()).Position);
        var next = await store.AppendAsync("s-a", ExpectedVersion.Exactly(1), Events(1));
        Assert.Equal(2, next.NextExpectedVersion);
    }
}
