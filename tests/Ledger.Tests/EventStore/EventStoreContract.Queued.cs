using Microsoft.Extensions.Time.Testing;
using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

/// <summary>
/// Appends made while a read-model transaction is open. On SQLite it holds the one writer, so they queue and are
/// committed as one batch; on PostgreSQL they run beside it. Either way each append gets its own outcome.
/// </summary>
public abstract partial class EventStoreContract<TFactory>
{
    [Fact]
    public async Task Queued_appends_that_conflict_fail_alone_and_the_others_land_with_their_versions_and_hash_chains()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync("s-seeded", ExpectedVersion.NoStream, Events(1));

        var attempts = await QueueBehindReadModelTransactionAsync(
            store,
            () => store.AppendAsync("s-seeded", ExpectedVersion.Exactly(1), Events(2)),
            () => store.AppendAsync("s-seeded", ExpectedVersion.Exactly(1), Events(1)),
            () => store.AppendAsync("s-new", ExpectedVersion.NoStream, Events(1)),
            () => store.AppendAsync("s-new", ExpectedVersion.NoStream, Events(3)),
            () => store.AppendAsync("s-solo", ExpectedVersion.NoStream, Events(2)));

        var seeded = await OneWinsTheOtherConflictsAsync(attempts[0], attempts[1], "s-seeded");
        var created = await OneWinsTheOtherConflictsAsync(attempts[2], attempts[3], "s-new");
        var solo = await attempts[4];
        Assert.Equal(2, solo.NextExpectedVersion);
        var all = await ReadAllAsync(store);
        Assert.Equal(seeded.NextExpectedVersion + created.NextExpectedVersion + solo.NextExpectedVersion, all.Count);
        Assert.All(all.Zip(all.Skip(1)), p => Assert.True(p.First.Position < p.Second.Position));
        foreach (var (stream, result) in new[] { ("s-seeded", seeded), ("s-new", created), ("s-solo", solo) })
        {
            var events = all.Where(e => e.StreamId == stream).ToList();
            Assert.Equal(Enumerable.Range(1, (int)result.NextExpectedVersion).Select(v => (long)v), events.Select(e => e.StreamVersion));
            Assert.Equal(events[^1].Position, result.LastPosition);
            var previous = EventHasher.GenesisHash;
            foreach (var e in events)
            {
                Assert.Equal(EventHasher.Compute(previous, e), e.Hash);
                previous = e.Hash;
            }
        }
    }

    [Fact]
    public async Task One_idempotency_key_queued_twice_appends_once_and_answers_the_second_with_the_first_result()
    {
        var store = await NewStoreAsync();
        var key = Key();

        var attempts = await QueueBehindReadModelTransactionAsync(
            store,
            () => store.AppendAsync("s-retried", ExpectedVersion.NoStream, Events(2), key),
            () => store.AppendAsync("s-retried", ExpectedVersion.NoStream, Events(2), key),
            () => store.AppendAsync("s-beside", ExpectedVersion.NoStream, Events(1)));

        var results = await Task.WhenAll(attempts);
        var original = Assert.Single(results[..2], r => !r.Replayed);
        var replay = Assert.Single(results[..2], r => r.Replayed);
        Assert.Equal(original.Streams, replay.Streams);
        Assert.Equal(original.LastPosition, replay.LastPosition);
        Assert.Equal($$"""{"status":201,"position":{{original.LastPosition}},"note":"已兑换"}""", replay.Response);
        Assert.Equal(2, (await ReadStreamAsync(store, "s-retried")).Count);
        Assert.Equal(3, (await ReadAllAsync(store)).Count);
    }

    [Fact]
    public async Task An_inline_projection_throwing_for_one_queued_append_fails_that_append_alone_and_undoes_its_rows()
    {
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            InlineProjections = [new RowPerEventProjection(refusedStream: "s-refused")],
        });

        var attempts = await QueueBehindReadModelTransactionAsync(
            store,
            () => store.AppendAsync("s-before", ExpectedVersion.NoStream, Events(1)),
            () => store.AppendAsync("s-refused", ExpectedVersion.NoStream, Events(2)),
            () => store.AppendAsync("s-after", ExpectedVersion.NoStream, Events(1)));

        await attempts[0];
        await attempts[2];
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => attempts[1]);
        Assert.Equal(RowPerEventProjection.Refusal, ex.Message);
        var all = await ReadAllAsync(store);
        Assert.Equal(["s-after", "s-before"], all.Select(e => e.StreamId).Order());
        await using var tx = await store.BeginReadModelTransactionAsync();
        Assert.Equal(2, await ScalarAsync(tx, $"SELECT COUNT(*) FROM {RowPerEventProjection.Table}"));
        Assert.Equal(0, await ScalarAsync(tx, $"SELECT COUNT(*) FROM {RowPerEventProjection.Table} WHERE stream_id = 's-refused'"));
    }

    /// <summary>
    /// Starts every append while a read-model transaction is open, then ends it; returns the appends' tasks once all
    /// are done (or the patience runs out), so a test can look at each outcome.
    /// </summary>
    protected static async Task<Task<AppendResult>[]> QueueBehindReadModelTransactionAsync(
        ILedgerStore store, params Func<Task<AppendResult>>[] appends)
    {
        Task<AppendResult>[] attempts;
        await using (await store.BeginReadModelTransactionAsync())
        {
            attempts = appends.Select(append => append()).ToArray();
        }

        await Task.WhenAny(Task.WhenAll(attempts), Task.Delay(Patience));
        Assert.All(attempts, a => Assert.True(a.IsCompleted));
        return attempts;
    }

    private static async Task<AppendResult> OneWinsTheOtherConflictsAsync(Task<AppendResult> a, Task<AppendResult> b, string streamId)
    {
        var winner = await Assert.Single(new[] { a, b }, t => t.IsCompletedSuccessfully);
        var loser = Assert.IsType<ConcurrencyException>(Assert.Single(new[] { a, b }, t => t.IsFaulted).Exception?.InnerException);
        Assert.Equal(streamId, loser.StreamId);
        Assert.Equal(winner.NextExpectedVersion, loser.Actual);
        return winner;
    }
}
