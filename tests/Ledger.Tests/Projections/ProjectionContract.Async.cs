using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Microsoft.Extensions.Logging;

namespace Ledger.Tests.Projections;

public abstract partial class ProjectionContract<TFactory>
{
    [Fact]
    public async Task Catching_up_applies_every_event_once_and_saves_the_checkpoint_at_the_head()
    {
        var counts = new CountingProjection("async_counts");
        var (store, daemon) = await NewLedgerAsync(asynchronous: [counts], options: new() { BatchSize = 64 });
        await SeedAsync(store, 300, streams: 9, perAppend: 50);

        await daemon.CatchUpAsync();
        await daemon.CatchUpAsync();
        var head = await store.ReadHeadAsync();
        Assert.Equal(head.Position, await store.Checkpoints.LoadAsync(ProjectionDaemon.CheckpointName(counts.Name)));
        await AssertHoldsAsync(store, counts, await ReadAllAsync(store));

        // More events later: it carries on from the checkpoint and counts nothing twice.
        var last = await SeedAsync(store, 70, streams: 4, perAppend: 30, prefix: "t");
        await daemon.CatchUpAsync(last.LastPosition);
        Assert.Equal(last.LastPosition, await store.Checkpoints.LoadAsync(ProjectionDaemon.CheckpointName(counts.Name)));
        await AssertHoldsAsync(store, counts, await ReadAllAsync(store));
    }

    [Fact]
    public async Task A_started_daemon_follows_appends_and_a_writer_can_wait_to_read_its_own_write()
    {
        var counts = new CountingProjection("async_counts");
        // A poll interval longer than the test: only the store's in-process signal can wake the runner in time.
        var (store, daemon) = await NewLedgerAsync(asynchronous: [counts], options: new() { PollInterval = TimeSpan.FromMinutes(5) });
        await daemon.StartAsync();
        await using var _ = daemon;

        for (var i = 0; i < 5; i++)
        {
            var appended = await store.AppendAsync($"w-{i}", ExpectedVersion.NoStream, [Event(Earned, 10 + i)]);
            Assert.True(await daemon.WaitForAsync(counts.Name, appended.LastPosition, Patience));
            Assert.Equal(i + 1, await ScalarAsync(store, $"SELECT COUNT(*) FROM {counts.StreamsTable}"));
        }

        Assert.False(await daemon.WaitForAsync(counts.Name, (await store.ReadHeadAsync()).Position + 1000, TimeSpan.FromMilliseconds(200)));
        Assert.Equal(0, daemon.Status().Single().ConsecutiveFailures);
    }

    [Fact]
    public async Task A_projection_that_throws_mid_batch_leaves_rows_and_checkpoint_unchanged_then_recovers()
    {
        var counts = new CountingProjection("async_counts");
        var (store, daemon) = await NewLedgerAsync(asynchronous: [counts], options: new() { BatchSize = 1000 });
        await SeedAsync(store, 120, streams: 6, perAppend: 40);
        await daemon.CatchUpAsync();
        var checkpoint = await store.Checkpoints.LoadAsync(ProjectionDaemon.CheckpointName(counts.Name));
        var (streams, types) = (await DumpAsync(store, counts.StreamsTable), await DumpAsync(store, counts.TypesTable));

        await SeedAsync(store, 80, streams: 6, perAppend: 40);
        counts.FailOn = e => e.Position > checkpoint + 50; // the batch's stream rows are written before it throws
        var failure = await Assert.ThrowsAsync<ProjectionFailedException>(() => daemon.CatchUpAsync());

        Assert.Equal(checkpoint, failure.AfterPosition);
        Assert.Equal(checkpoint, await store.Checkpoints.LoadAsync(ProjectionDaemon.CheckpointName(counts.Name)));
        Assert.Equal(streams, await DumpAsync(store, counts.StreamsTable));
        Assert.Equal(types, await DumpAsync(store, counts.TypesTable));

        counts.FailOn = null;
        await daemon.CatchUpAsync();
        await AssertHoldsAsync(store, counts, await ReadAllAsync(store));
    }

    [Fact]
    public async Task A_failing_projection_is_logged_and_retried_while_the_others_keep_running()
    {
        var healthy = new CountingProjection("healthy");
        var flaky = new CountingProjection("flaky");
        var logger = new ListLogger();
        var (store, daemon) = await NewLedgerAsync(
            asynchronous: [healthy, flaky], logger: logger,
            options: new() { FirstRetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50) });
        var failures = 0;
        flaky.FailOn = _ => Interlocked.Increment(ref failures) <= 3;
        await daemon.StartAsync();
        await using var _ = daemon;

        var appended = await SeedAsync(store, 30, streams: 3);

        Assert.True(await daemon.WaitForAsync(healthy.Name, appended.LastPosition, Patience));
        Assert.True(await daemon.WaitForAsync(flaky.Name, appended.LastPosition, Patience));
        Assert.Equal(3, logger.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains("flaky", StringComparison.Ordinal)));
        Assert.All(daemon.Status(), s => Assert.Equal(0, s.ConsecutiveFailures));
        await AssertHoldsAsync(store, flaky, await ReadAllAsync(store));
    }

    [Fact]
    public async Task Two_runners_of_one_projection_on_one_database_take_turns_and_apply_nothing_twice()
    {
        var counts = new CountingProjection("async_counts");
        var storeOptions = new EventStoreOptions();
        var store = await factory.CreateStoreAsync(storeOptions);
        // Two daemons stand for two processes: each keeps its own idea of the checkpoint.
        var small = new ProjectionDaemonOptions { BatchSize = 7 };
        var first = new ProjectionDaemon(store, storeOptions, [counts], small);
        var second = new ProjectionDaemon(store, storeOptions, [new CountingProjection("async_counts")], small);
        await SeedAsync(store, 400, streams: 11, perAppend: 25);

        await Task.WhenAll(first.CatchUpAsync(), second.CatchUpAsync(), first.CatchUpAsync());

        await AssertHoldsAsync(store, counts, await ReadAllAsync(store));
    }
}
