using Microsoft.Extensions.Time.Testing;
using System.Data.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;

namespace Ledger.Tests.EventStore;

public abstract partial class EventStoreContract<TFactory>
{
    [Fact]
    public async Task An_unknown_checkpoint_is_0_and_a_saved_one_loads_back_and_can_move()
    {
        var store = await NewStoreAsync();

        Assert.Equal(0, await store.Checkpoints.LoadAsync("balances"));
        await store.Checkpoints.SaveAsync("balances", 42);
        await store.Checkpoints.SaveAsync("leaderboard", 7);
        Assert.Equal(42, await store.Checkpoints.LoadAsync("balances"));
        await store.Checkpoints.SaveAsync("balances", 50);
        Assert.Equal(50, await store.Checkpoints.LoadAsync("balances"));
        Assert.Equal(7, await store.Checkpoints.LoadAsync("leaderboard"));
    }

    [Fact]
    public async Task A_checkpoint_saved_in_a_read_model_transaction_commits_with_it_and_vanishes_on_rollback()
    {
        var store = await NewStoreAsync();
        await using (var tx = await store.BeginReadModelTransactionAsync())
        {
            Assert.Equal(store.Dialect, tx.Dialect);
            await ExecuteAsync(tx, "CREATE TABLE IF NOT EXISTS contract_read_model (id INTEGER PRIMARY KEY)");
            await ExecuteAsync(tx, "INSERT INTO contract_read_model (id) VALUES (1)");
            await tx.SaveCheckpointAsync("rm", 7);
            await tx.CommitAsync();
        }

        await using (var tx = await store.BeginReadModelTransactionAsync())
        {
            await ExecuteAsync(tx, "INSERT INTO contract_read_model (id) VALUES (2)");
            await tx.SaveCheckpointAsync("rm", 9);
            await tx.SaveCheckpointAsync("rm-new", 3);
        }

        Assert.Equal(7, await store.Checkpoints.LoadAsync("rm"));
        Assert.Equal(0, await store.Checkpoints.LoadAsync("rm-new"));
        await using var check = await store.BeginReadModelTransactionAsync();
        Assert.Equal(1, await ScalarAsync(check, "SELECT COUNT(*) FROM contract_read_model"));
    }

    [Fact]
    public async Task A_read_model_query_reads_what_is_committed_beside_an_open_write_and_refuses_to_write()
    {
        var store = await NewStoreAsync();
        await using (var tx = await store.BeginReadModelTransactionAsync())
        {
            await ExecuteAsync(tx, "CREATE TABLE IF NOT EXISTS contract_query_model (id INTEGER PRIMARY KEY)");
            await ExecuteAsync(tx, "INSERT INTO contract_query_model (id) VALUES (1)");
            await tx.CommitAsync();
        }

        // On SQLite this holds the one writer, as a busy counter's appends do: a query must not wait for it.
        await using var writing = await store.BeginReadModelTransactionAsync();
        await ExecuteAsync(writing, "INSERT INTO contract_query_model (id) VALUES (2)");
        await using var query = await store.BeginReadModelQueryAsync().WaitAsync(Patience);

        Assert.Equal(1, await ScalarAsync(query, "SELECT COUNT(*) FROM contract_query_model").WaitAsync(Patience));
        await Assert.ThrowsAsync<InvalidOperationException>(() => query.WriteAsync("INSERT INTO contract_query_model (id) VALUES (3)", []));
        await Assert.ThrowsAsync<InvalidOperationException>(() => query.SaveCheckpointAsync("rm", 1));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(query, "INSERT INTO contract_query_model (id) VALUES (3)"));
    }

    [Fact]
    public async Task An_inline_projection_sees_the_appended_events_in_the_append_transaction()
    {
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            InlineProjections = [new RowPerEventProjection()],
        });

        await store.AppendAsync(
            [
                new StreamAppend("s-p1", ExpectedVersion.NoStream, Events(2)),
                new StreamAppend("s-p2", ExpectedVersion.NoStream, Events(1)),
            ]);

        var all = await ReadAllAsync(store);
        await using var tx = await store.BeginReadModelTransactionAsync();
        Assert.Equal(3, await ScalarAsync(tx, $"SELECT COUNT(*) FROM {RowPerEventProjection.Table}"));
        foreach (var e in all)
        {
            Assert.Equal(e.Position, await ScalarAsync(
                tx, $"SELECT position FROM {RowPerEventProjection.Table} WHERE event_id = '{e.EventId:D}' AND stream_id = '{e.StreamId}'"));
        }
    }

    [Fact]
    public async Task An_inline_projections_rows_vanish_with_a_failed_append()
    {
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            InlineProjections = [new RowPerEventProjection()],
            BeforeCommit = (_, _) => throw new InvalidOperationException("injected failure"),
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("s-p", ExpectedVersion.NoStream, Events(2)));

        Assert.Empty(await ReadAllAsync(store));
        await using var tx = await store.BeginReadModelTransactionAsync();
        Assert.Equal(0, await ScalarAsync(tx, $"SELECT COUNT(*) FROM {RowPerEventProjection.Table}"));
    }

    [Fact]
    public async Task An_append_whose_inline_projection_write_fails_leaves_no_event_key_or_row_and_the_key_stays_free()
    {
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            InlineProjections = [new RowPerEventProjection()],
        });
        var events = Events(2);
        // A row under the second event's id already: the projection's insert breaks the table's key, and fails where
        // PostgreSQL sends the append's last writes and its COMMIT together.
        await using (var tx = await store.BeginReadModelTransactionAsync())
        {
            await ExecuteAsync(tx, $"INSERT INTO {tx.Table(RowPerEventProjection.Table)} (event_id, stream_id, position) VALUES ('{events[1].EventId:D}', 'elsewhere', 0)");
            await tx.CommitAsync();
        }

        var key = new IdempotencyKey("k-projection-failed", "h");
        await Assert.ThrowsAnyAsync<DbException>(() => store.AppendAsync("s-p", ExpectedVersion.NoStream, events, key));

        Assert.Empty(await ReadAllAsync(store));
        Assert.Null(await store.FindIdempotencyKeyAsync(key.Key));
        await using (var tx = await store.BeginReadModelTransactionAsync())
        {
            Assert.Equal(1, await ScalarAsync(tx, $"SELECT COUNT(*) FROM {tx.Table(RowPerEventProjection.Table)}"));
        }

        var retried = await store.AppendAsync("s-p", ExpectedVersion.NoStream, Events(2, "retry"), key);
        Assert.False(retried.Replayed);
        Assert.Equal(2, (await ReadAllAsync(store)).Count);
    }

    [Fact]
    public async Task An_inline_projection_reads_the_writes_of_the_projections_before_it_once_flushed()
    {
        var counts = new List<long>();
        var store = await NewStoreAsync(new EventStoreOptions
        {
            Clock = new FakeTimeProvider(T0),
            InlineProjections = [new RowPerEventProjection(), new RowCountingProjection(counts)],
        });

        await store.AppendAsync("s-c", ExpectedVersion.NoStream, Events(2));
        await store.AppendAsync("s-c", ExpectedVersion.Exactly(2), Events(1));

        Assert.Equal([2L, 3L], counts);
    }

    private static async Task ExecuteAsync(IReadModelTransaction tx, string sql)
    {
        await using var command = Command(tx, sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(IReadModelTransaction tx, string sql)
    {
        await using var command = Command(tx, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbCommand Command(IReadModelTransaction tx, string sql)
    {
        var command = tx.Connection.CreateCommand();
        command.Transaction = tx.Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Writes one row per event, in SQL both dialects speak; the store must create its table at start. Events of
    /// <paramref name="refusedStream"/> get their rows written and then the projection throws, as a failing read model does.
    /// </summary>
    private sealed class RowPerEventProjection(string? refusedStream = null) : IProjection
    {
        public const string Table = "contract_projection_rows";

        public const string Refusal = "the projection refuses this stream";

        public string Name => "contract_rows";

        public IReadOnlyList<ReadModelTable> Tables { get; } =
        [
            new(Table, [ReadModelColumn.Text("event_id"), ReadModelColumn.Text("stream_id"), ReadModelColumn.BigInt("position")], ["event_id"]),
        ];

        public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                await transaction.WriteAsync(
                    $"INSERT INTO {transaction.Table(Table)} (event_id, stream_id, position) VALUES (@id, @stream, @position)",
                    [new("@id", e.EventId.ToString("D")), new("@stream", e.StreamId), new("@position", e.Position)],
                    cancellationToken);
            }

            if (events.Any(e => e.StreamId == refusedStream))
            {
                throw new InvalidOperationException(Refusal);
            }
        }
    }

    /// <summary>Runs after <see cref="RowPerEventProjection"/> in the same append and counts its rows.</summary>
    private sealed class RowCountingProjection(List<long> counts) : IProjection
    {
        public string Name => "contract_row_counts";

        public IReadOnlyList<ReadModelTable> Tables { get; } =
            [new("contract_row_counts", [ReadModelColumn.BigInt("position"), ReadModelColumn.BigInt("row_count")], ["position"])];

        public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            await transaction.FlushAsync(cancellationToken);
            var count = await ScalarAsync(transaction, $"SELECT COUNT(*) FROM {transaction.Table(RowPerEventProjection.Table)}");
            counts.Add(count);
            await transaction.WriteAsync(
                $"INSERT INTO {transaction.Table("contract_row_counts")} (position, row_count) VALUES (@position, @count)",
                [new("@position", events[^1].Position), new("@count", count)], cancellationToken);
        }
    }
}
