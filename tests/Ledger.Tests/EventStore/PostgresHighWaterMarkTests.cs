using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Npgsql;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.EventStore;

/// <summary>
/// Holes in PostgreSQL's positions: the reader stops before one that a running transaction may still fill, and
/// passes it (logging it) once no transaction that could fill it is running; it never waits for a timeout.
/// </summary>
public sealed class PostgresHighWaterMarkTests(PostgresEventStoreFactory factory) : IClassFixture<PostgresEventStoreFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Positions_burned_by_rolled_back_appends_are_passed_in_one_read_and_each_hole_is_logged()
    {
        var log = new ListLoggerFactory();
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(
            new PostgresEventStoreSettings(connectionString) { LoggerFactory = log },
            new EventStoreOptions { ReadBatchSize = 2, BeforeCommit = FailFor("s-doomed") });
        await store.InitializeAsync();

        await store.AppendAsync("s-1", ExpectedVersion.Any, [Event("a")]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("s-doomed", ExpectedVersion.Any, [Event(), Event()]));
        await store.AppendAsync("s-1", ExpectedVersion.Any, [Event("b")]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("s-doomed", ExpectedVersion.Any, [Event()]));
        await store.AppendAsync("s-2", ExpectedVersion.Any, [Event("c")]);

        var all = await ReadAllAsync(store).WaitAsync(Patience);

        Assert.Equal([1L, 4, 6], all.Select(e => e.Position)); // the holes are real: 2-3 and 5 were drawn and rolled back
        Assert.Equal(new LedgerHead(6, all[^1].Hash, 3), await store.ReadHeadAsync());
        Assert.Equal(2, log.Messages.Count(m => m.StartsWith("Skipping global positions", StringComparison.Ordinal)));
        Assert.Contains(log.Messages, m => m.Contains("positions 2 to 3", StringComparison.Ordinal));
        Assert.Equal([4L, 6], (await ReadAllAsync(store, 1)).Select(e => e.Position));
    }

    [Fact]
    public async Task A_hole_held_by_a_running_append_stops_the_reader_until_that_append_rolls_back_then_it_is_passed()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString), new EventStoreOptions
        {
            BeforeCommit = async (appends, ct) =>
            {
                if (appends[0].StreamId == "s-held")
                {
                    held.SetResult();
                    await release.Task.WaitAsync(ct);
                    throw new InvalidOperationException("rolled back on purpose");
                }
            },
        });
        await store.InitializeAsync();
        // A second server on the same ledger: this store's own appends queue behind the held one and commit with it.
        await using var otherServer = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));
        await store.AppendAsync("s-1", ExpectedVersion.Any, [Event("before")]);
        var heldAppend = Task.Run(() => store.AppendAsync("s-held", ExpectedVersion.Any, [Event("held")]));
        await held.Task.WaitAsync(Patience);
        await otherServer.AppendAsync("s-2", ExpectedVersion.Any, [Event("after")]).WaitAsync(Patience);

        var whileHeld = await ReadAllAsync(store);
        var headWhileHeld = await store.ReadHeadAsync();
        release.SetResult();
        await Assert.ThrowsAsync<InvalidOperationException>(() => heldAppend.WaitAsync(Patience));
        var afterRollback = await ReadAllAsync(store);

        Assert.Equal([1L], whileHeld.Select(e => e.Position));
        Assert.Equal(1, headWhileHeld.Position);
        Assert.Equal([1L, 3], afterRollback.Select(e => e.Position));
        Assert.Equal(3, (await store.ReadHeadAsync()).Position);
    }

    [Fact]
    public async Task A_hole_is_not_passed_while_a_transaction_that_could_have_drawn_it_is_open()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(
            new PostgresEventStoreSettings(connectionString), new EventStoreOptions { BeforeCommit = FailFor("s-doomed") });
        await store.InitializeAsync();
        await store.AppendAsync("s-1", ExpectedVersion.Any, [Event("a")]);

        // Another session holds the lock every appender takes before drawing: as far as the reader can tell,
        // it may hold position 2 and commit it later.
        await using var bystander = await OpenTransactionAsync(connectionString, "LOCK TABLE ledger.events IN ROW EXCLUSIVE MODE");
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("s-doomed", ExpectedVersion.Any, [Event()]));
        await store.AppendAsync("s-2", ExpectedVersion.Any, [Event("c")]);
        var whileOpen = await ReadAllAsync(store);
        var headWhileOpen = await store.ReadHeadAsync();
        await bystander.DisposeAsync();
        var afterEnd = await ReadAllAsync(store);

        Assert.Equal([1L], whileOpen.Select(e => e.Position));
        Assert.Equal(1, headWhileOpen.Position);
        Assert.Equal([1L, 3], afterEnd.Select(e => e.Position));
    }

    [Fact]
    public async Task An_open_transaction_that_never_wrote_events_does_not_hold_back_the_reader()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(
            new PostgresEventStoreSettings(connectionString), new EventStoreOptions { BeforeCommit = FailFor("s-doomed") });
        await store.InitializeAsync();
        await store.AppendAsync("s-1", ExpectedVersion.Any, [Event("a")]);

        // A read model's transaction: it has written (so it has an xid) but never touched ledger.events.
        await using var readModel = await OpenTransactionAsync(connectionString, "CREATE TABLE read_model (id int); INSERT INTO read_model VALUES (1)");
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("s-doomed", ExpectedVersion.Any, [Event()]));
        await store.AppendAsync("s-2", ExpectedVersion.Any, [Event("c")]);

        Assert.Equal([1L, 3], (await ReadAllAsync(store)).Select(e => e.Position));
    }

    private static async Task<NpgsqlConnection> OpenTransactionAsync(string connectionString, string sql)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; {sql}", connection);
        await command.ExecuteNonQueryAsync();
        return connection; // disposing it ends the transaction
    }

    [Fact]
    public async Task Many_concurrent_appenders_are_read_back_complete_and_in_order_while_they_write()
    {
        var store = await factory.CreatePostgresStoreAsync(new EventStoreOptions { ReadBatchSize = 16 });
        const int writers = 8;
        const int perWriter = 40;
        var appending = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                // Every fourth append of each writer rolls back after drawing its position: holes all along.
                var doomed = i % 4 == 3;
                var append = store.AppendAsync(
                    [new StreamAppend($"s-{w}", ExpectedVersion.Any, [Event(doomed ? "doomed" : $"{w}-{i}")])],
                    doomed ? new IdempotencyKey($"doomed-{w}-{i}", "h", _ => throw new InvalidOperationException("doomed")) : null);
                if (doomed)
                {
                    await Assert.ThrowsAsync<InvalidOperationException>(() => append);
                }
                else
                {
                    await append;
                }
            }
        })).ToArray();

        var seen = new List<RecordedEvent>();
        var following = Task.Run(async () =>
        {
            while (!appending.All(t => t.IsCompleted) || seen.Count < writers * perWriter * 3 / 4)
            {
                await foreach (var e in store.ReadAllAsync(seen.Count == 0 ? 0 : seen[^1].Position))
                {
                    seen.Add(e);
                }

                await Task.Delay(5);
            }
        });
        await Task.WhenAll(appending).WaitAsync(Patience);
        await following.WaitAsync(Patience);

        var committed = await ReadAllAsync(store);
        Assert.Equal(writers * perWriter * 3 / 4, committed.Count);
        Assert.Equal(committed.Select(e => e.EventId), seen.Select(e => e.EventId));
        Assert.True(committed[^1].Position > committed.Count, "no append rolled back after drawing a position");
    }

    private static Func<IReadOnlyList<StreamAppend>, CancellationToken, Task> FailFor(string stream) =>
        (appends, _) => appends[0].StreamId == stream
            ? Task.FromException(new InvalidOperationException("rolled back on purpose"))
            : Task.CompletedTask;

    private static async Task<List<RecordedEvent>> ReadAllAsync(ILedgerStore store, long after = 0)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(after))
        {
            events.Add(e);
        }

        return events;
    }
}
