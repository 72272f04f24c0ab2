using Microsoft.Extensions.Time.Testing;
using Ledger.EventStore;

namespace Ledger.Tests.EventStore;

public abstract partial class EventStoreContract<TFactory>
{
    [Fact]
    public async Task ReadAll_delivers_every_event_across_streams_in_position_order_across_many_batches()
    {
        var store = await NewStoreAsync(new EventStoreOptions { Clock = new FakeTimeProvider(T0), ReadBatchSize = 7 });
        var appended = new List<Guid>();
        for (var i = 0; i < 15; i++)
        {
            var events = Events(1 + i % 3, $"n{i}");
            var stream = $"s-{i % 4}";
            await store.AppendAsync(stream, ExpectedVersion.Any, events);
            appended.AddRange(events.Select(e => e.EventId));
        }

        var all = await ReadAllAsync(store);

        Assert.Equal(appended, all.Select(e => e.EventId));
        Assert.All(all.Zip(all.Skip(1)), p => Assert.True(p.First.Position < p.Second.Position));
        var after = all[11].Position;
        Assert.Equal(appended.Skip(12), (await ReadAllAsync(store, after)).Select(e => e.EventId));
        Assert.Empty(await ReadAllAsync(store, all[^1].Position));
    }

    [Fact]
    public async Task A_reader_that_stops_while_the_next_batch_is_being_read_leaves_the_store_whole()
    {
        // Both backends read the next batch ahead of the caller: a caller that stops at any point of a batch must
        // get no error, and leave nothing behind that disturbs the next append or read.
        var store = await NewStoreAsync(new EventStoreOptions { Clock = new FakeTimeProvider(T0), ReadBatchSize = 100 });
        var appended = Events(400);
        await store.AppendAsync("s-1", ExpectedVersion.NoStream, appended);

        for (var round = 0; round < 20; round++)
        {
            var read = 0;
            await foreach (var _ in store.ReadAllAsync())
            {
                if (++read == 1 + round % 5)
                {
                    break;
                }
            }

            Assert.Equal(1 + round % 5, read);
        }

        await store.AppendAsync("s-1", ExpectedVersion.Exactly(400), Events(1, "after"));
        Assert.Equal(appended.Select(e => e.EventId), (await ReadAllAsync(store)).Take(400).Select(e => e.EventId));
        Assert.Equal(401, (await store.ReadHeadAsync()).Events);
    }

    [Fact]
    public async Task An_empty_ledger_reads_nothing_and_its_head_is_genesis()
    {
        var store = await NewStoreAsync();

        Assert.Empty(await ReadAllAsync(store));
        Assert.Equal(new LedgerHead(0, EventHasher.GenesisHash, 0), await store.ReadHeadAsync());
    }

    [Fact]
    public async Task A_reader_never_skips_an_event_whose_transaction_commits_after_a_later_one()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holds = 0;
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            BeforeCommit = async (appends, ct) =>
            {
                if (appends[0].StreamId == "s-held" && Interlocked.Increment(ref holds) == 1)
                {
                    held.SetResult();
                    await release.Task.WaitAsync(ct);
                }
            },
        });
        var seed = Event("seed");
        var first = Event("first");
        var second = Event("second");
        await store.AppendAsync("s-seed", ExpectedVersion.NoStream, [seed]);

        var firstAppend = Task.Run(() => store.AppendAsync("s-held", ExpectedVersion.NoStream, [first]));
        await held.Task.WaitAsync(Patience);
        var secondAppend = Task.Run(() => store.AppendAsync("s-later", ExpectedVersion.NoStream, [second]));
        // Give the second append time to commit where the backend lets it (PostgreSQL) or to queue (SQLite).
        await Task.WhenAny(secondAppend, Task.Delay(500));
        var whileHeld = await ReadAllAsync(store).WaitAsync(Patience);
        var headWhileHeld = await store.ReadHeadAsync().WaitAsync(Patience);
        release.SetResult();
        await Task.WhenAll(firstAppend, secondAppend).WaitAsync(Patience);

        Assert.Equal([seed.EventId], whileHeld.Select(e => e.EventId));
        Assert.Equal(whileHeld[0].Position, headWhileHeld.Position);
        var resumed = await ReadAllAsync(store, whileHeld[^1].Position);
        Assert.Equal([first.EventId, second.EventId], resumed.Select(e => e.EventId));
        Assert.True(resumed[0].Position < resumed[1].Position);
    }
}
