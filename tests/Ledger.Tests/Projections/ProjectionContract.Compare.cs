using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.Projections;

public abstract partial class ProjectionContract<TFactory>
{
    [Fact]
    public async Task A_comparison_reports_rows_changed_removed_or_added_behind_the_projections_back_and_touches_nothing()
    {
        var (inline, counts) = (new CountingProjection("inline_counts"), new CountingProjection("async_counts"));
        var (store, daemon) = await NewLedgerAsync(inline: [inline], asynchronous: [counts]);
        await SeedAsync(store, 200, streams: 5, perAppend: 50);
        await daemon.CatchUpAsync();
        Assert.All(await daemon.CompareAllAsync(), c => Assert.True(c.Equal, c.ToString()));
        var honest = await DumpAsync(store, inline.StreamsTable);
        await ExecuteAsync(store, $"UPDATE {inline.StreamsTable} SET events = events + 1 WHERE stream_id = 's-2'");
        await ExecuteAsync(store, $"UPDATE {inline.TypesTable} SET note = 'forged' WHERE type = '{Earned}'");
        await ExecuteAsync(store, $"DELETE FROM {counts.StreamsTable} WHERE stream_id = 's-4'");
        await ExecuteAsync(store, $"INSERT INTO {counts.TypesTable} (type, events, total) VALUES ('Forged.v1', 1, 1000)");
        var tampered = await DumpAllAsync(store, inline, counts);

        var inlineResult = await daemon.CompareAsync(inline.Name);
        var asyncResult = await daemon.CompareAsync(counts.Name);

        Output.WriteLine(inlineResult.ToString());
        Output.WriteLine(asyncResult.ToString());
        Assert.Equal(2, inlineResult.DifferentRows);
        var changed = Assert.Single(inlineResult.Differences, d => d.Table == inline.StreamsTable);
        Assert.Equal((RowDifferenceKind.Changed, "stream_id=s-2"), (changed.Kind, changed.Key));
        Assert.Equal(long.Parse(changed.Rebuilt!["events"]!) + 1, long.Parse(changed.Live!["events"]!));
        var noted = Assert.Single(inlineResult.Differences, d => d.Table == inline.TypesTable);
        Assert.Equal(("forged", (string?)null), (noted.Live!["note"], noted.Rebuilt!["note"]));

        Assert.Equal(2, asyncResult.DifferentRows);
        Assert.Equal((await store.ReadHeadAsync()).Position, asyncResult.Position);
        var missing = Assert.Single(asyncResult.Differences, d => d.Kind == RowDifferenceKind.MissingFromLive);
        Assert.Equal((counts.StreamsTable, "stream_id=s-4"), (missing.Table, missing.Key));
        var extra = Assert.Single(asyncResult.Differences, d => d.Kind == RowDifferenceKind.UnexpectedInLive);
        Assert.Equal((counts.TypesTable, "type=Forged.v1", "1000"), (extra.Table, extra.Key, extra.Live!["total"]));

        // Comparing read the live tables only: they still hold the tampered rows, and no shadow table is left.
        Assert.Equal(tampered, await DumpAllAsync(store, inline, counts));
        Assert.DoesNotContain($"{inline.StreamsTable}: {honest.Single(r => r.StartsWith("s-2|", StringComparison.Ordinal))}", tampered);
        await AssertNoShadowTablesAsync(store, inline);
    }

    [Fact]
    public async Task An_async_projection_is_compared_at_its_checkpoint_not_at_the_head()
    {
        var counts = new CountingProjection("async_counts");
        var (store, daemon) = await NewLedgerAsync(asynchronous: [counts]);
        var first = await SeedAsync(store, 100, streams: 5);
        await daemon.CatchUpAsync();
        await SeedAsync(store, 100, streams: 5); // not applied yet: behind is not wrong

        var result = await daemon.CompareAsync(counts.Name);

        Assert.True(result.Equal, result.ToString());
        Assert.Equal(first.LastPosition, result.Position);
    }

    [Fact]
    public async Task Comparing_while_appends_and_the_runner_keep_going_reports_no_difference_that_is_not_there()
    {
        var (inline, counts) = (new CountingProjection("inline_counts"), new CountingProjection("async_counts"));
        var (store, daemon) = await NewLedgerAsync(inline: [inline], asynchronous: [counts], options: new() { BatchSize = 10 });
        await SeedAsync(store, 300, streams: 10, perAppend: 30);
        await daemon.StartAsync();
        await using var _ = daemon;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var appended = 0;
            while (!stop.IsCancellationRequested)
            {
                await store.AppendAsync($"s-{appended % 10}", ExpectedVersion.Any, [Event(Earned, appended), Event(Spent, 1)]);
                appended += 2;
            }

            return appended;
        });

        var comparisons = new List<ProjectionComparison>();
        for (var i = 0; i < 4; i++)
        {
            comparisons.AddRange(await daemon.CompareAllAsync());
        }

        await stop.CancelAsync();
        Output.WriteLine($"{await writer} events appended while comparing; positions compared: {string.Join(", ", comparisons.Select(c => c.Position))}");
        Assert.All(comparisons, c => Assert.True(c.Equal, c.ToString()));
    }

    [Fact]
    public async Task A_replay_to_a_position_holds_only_the_events_up_to_it_and_leaves_nothing_behind()
    {
        var inline = new CountingProjection("inline_counts");
        var (store, _) = await NewLedgerAsync(inline: [inline]);
        var middle = await SeedAsync(store, 150, streams: 6, perAppend: 50);
        await SeedAsync(store, 150, streams: 6, perAppend: 50);
        var live = await DumpAsync(store, inline.StreamsTable);

        await using (var replay = await ProjectionReplay.RunAsync(store, inline, middle.LastPosition, batchSize: 40))
        {
            Assert.Equal((150L, middle.LastPosition), (replay.Events, replay.Position));
            var (streams, _) = Expected((await ReadAllAsync(store)).Where(e => e.Position <= middle.LastPosition));
            await using var command = replay.Transaction.CreateCommand(
                $"SELECT stream_id, events, last_position FROM {replay.Transaction.Table(inline.StreamsTable)}");
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add($"{reader.GetString(0)}|{reader.GetInt64(1)}|{reader.GetInt64(2)}");
            }

            Assert.Equal(streams, rows.Order(StringComparer.Ordinal));
        }

        Assert.Equal(live, await DumpAsync(store, inline.StreamsTable));
        await AssertNoShadowTablesAsync(store, inline);
    }

    private static async Task AssertNoShadowTablesAsync(ILedgerStore store, CountingProjection projection)
    {
        var shadow = $"replay_{projection.StreamsTable}";
        var sql = store.Dialect == SqlDialect.Postgres
            ? $"SELECT COUNT(*) FROM pg_class WHERE relname = '{shadow}'"
            : $"SELECT COUNT(*) FROM sqlite_temp_master WHERE name = '{shadow}'";
        Assert.Equal(0, await ScalarAsync(store, sql));
    }
}
