using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.Projections;

public abstract partial class ProjectionContract<TFactory>
{
    [Fact]
    public async Task A_rebuild_from_zero_of_an_inline_and_an_async_projection_equals_what_they_built_live()
    {
        var (inline, counts) = (new CountingProjection("inline_counts"), new CountingProjection("async_counts"));
        var (store, daemon) = await NewLedgerAsync(inline: [inline], asynchronous: [counts], options: new() { BatchSize = 33, RebuildBatchSize = 100 });
        await SeedAsync(store, 500, streams: 13, perAppend: 70);
        await daemon.CatchUpAsync();
        var live = await DumpAllAsync(store, inline, counts);
        // Wrong rows a rebuild must throw away, so an equal result proves it recomputed rather than kept them.
        await ExecuteAsync(store, $"UPDATE {inline.TypesTable} SET total = -1");
        await ExecuteAsync(store, $"DELETE FROM {counts.StreamsTable}");

        await daemon.RebuildAllAsync();

        Assert.Equal(live, await DumpAllAsync(store, inline, counts));
        Assert.All(await daemon.CompareAllAsync(), c => Assert.True(c.Equal, c.ToString()));
        Assert.Equal((await store.ReadHeadAsync()).Position, await store.Checkpoints.LoadAsync(ProjectionDaemon.CheckpointName(counts.Name)));
    }

    [Fact]
    public async Task Rebuilding_an_inline_projection_while_appends_run_misses_and_doubles_nothing()
    {
        var inline = new CountingProjection("inline_counts");
        var (store, daemon) = await NewLedgerAsync(inline: [inline], options: new() { RebuildBatchSize = 50 });
        await SeedAsync(store, 2000, streams: 20, perAppend: 200);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            var appended = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.AppendAsync($"busy-{w}", ExpectedVersion.Any, [Event(Earned, 1), Event(Spent, 2)]);
                appended += 2;
            }

            return appended;
        })).ToList();

        for (var i = 0; i < 3; i++)
        {
            await daemon.RebuildAsync(inline.Name);
        }

        await stop.CancelAsync();
        var appendedMeanwhile = (await Task.WhenAll(writers)).Sum();

        Output.WriteLine($"{appendedMeanwhile} events appended during three rebuilds");
        Assert.True(appendedMeanwhile > 0, "the writers must have overlapped the rebuilds");
        await AssertHoldsAsync(store, inline, await ReadAllAsync(store));
        Assert.True((await daemon.CompareAsync(inline.Name)).Equal);
    }

    [Fact]
    public async Task An_inline_rebuild_holds_off_every_append_until_it_commits_even_those_the_projection_ignores()
    {
        var inline = new CountingProjection("inline_counts");
        var (store, daemon) = await NewLedgerAsync(inline: [inline]);
        await SeedAsync(store, 50, streams: 5);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        inline.BeforeApply = () =>
        {
            entered.TrySetResult();
            return release.Task;
        };

        var rebuild = daemon.RebuildAsync(inline.Name);
        await entered.Task.WaitAsync(Patience);
        inline.BeforeApply = null;
        var append = store.AppendAsync("unrelated", ExpectedVersion.NoStream, [Event(CountingProjection.Ignored, 1)]);
        var finished = await Task.WhenAny(append, Task.Delay(TimeSpan.FromMilliseconds(500)));
        release.SetResult();
        await rebuild.WaitAsync(Patience);
        await append.WaitAsync(Patience);

        Assert.NotSame(append, finished);
        await AssertHoldsAsync(store, inline, await ReadAllAsync(store));
    }

    [Fact]
    public async Task Rebuilding_an_async_projection_pauses_its_runner_which_then_resumes_from_the_rebuilt_checkpoint()
    {
        var counts = new CountingProjection("async_counts");
        var (store, daemon) = await NewLedgerAsync(asynchronous: [counts], options: new() { BatchSize = 25, RebuildBatchSize = 40 });
        await daemon.StartAsync();
        await using var _ = daemon;
        await SeedAsync(store, 600, streams: 10, perAppend: 60);
        var writer = Task.Run(async () =>
        {
            AppendResult last = null!;
            for (var i = 0; i < 40; i++)
            {
                last = await store.AppendAsync("late", ExpectedVersion.Any, [Event(Earned, i)]);
            }

            return last;
        });

        await daemon.RebuildAsync(counts.Name);
        var lastAppend = await writer;

        Assert.True(await daemon.WaitForAsync(counts.Name, lastAppend.LastPosition, Patience));
        await AssertHoldsAsync(store, counts, await ReadAllAsync(store));
    }

    [Fact]
    public async Task Starting_the_daemon_builds_an_inline_projection_never_built_on_a_ledger_with_events()
    {
        var inline = new CountingProjection("inline_counts");
        var (store, daemon) = await NewLedgerAsync(inline: [inline]);
        await SeedAsync(store, 90, streams: 4);
        // As if the projection had been added to a ledger that already had this history: empty tables, no build yet.
        await ExecuteAsync(store, $"DELETE FROM {inline.StreamsTable}");
        await ExecuteAsync(store, $"DELETE FROM {inline.TypesTable}");

        await daemon.StartAsync();
        await daemon.StopAsync();
        await store.AppendAsync("after", ExpectedVersion.NoStream, [Event(Earned, 3)]);

        await AssertHoldsAsync(store, inline, await ReadAllAsync(store));
        // Built once: a later start leaves it alone (the rows deleted now stay deleted).
        await ExecuteAsync(store, $"DELETE FROM {inline.TypesTable}");
        await daemon.StartAsync();
        await daemon.StopAsync();
        Assert.Equal(0, await ScalarAsync(store, $"SELECT COUNT(*) FROM {inline.TypesTable}"));
    }

    private static async Task<List<string>> DumpAllAsync(ILedgerStore store, params CountingProjection[] projections)
    {
        var rows = new List<string>();
        foreach (var table in projections.SelectMany(p => new[] { p.StreamsTable, p.TypesTable }))
        {
            rows.AddRange((await DumpAsync(store, table)).Select(r => $"{table}: {r}"));
        }

        return rows;
    }
}
