using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.EventStore.Projections;
using Ledger.Testing;
using Npgsql;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The PostgreSQL store's group commit (<see cref="GroupCommitContract{TFactory}"/>, and what only PostgreSQL does: the
/// calls of every append queued at a round trip sent together, and their read-model rows with the next round trip). A
/// first append held by an inline projection holds the queue's one connection, so the appends a test queues meanwhile
/// are known to form one batch.
/// </summary>
public sealed class PostgresGroupCommitTests(PostgresEventStoreFactory factory) : GroupCommitContract<PostgresEventStoreFactory>(factory)
{
    private readonly Dictionary<ILedgerStore, (string ConnectionString, Hold Hold)> _stores = [];

    protected override async Task<ILedgerStore> OpenAsync(Func<IReadOnlyList<IProjection>, EventStoreOptions> options)
    {
        var (connectionString, hold) = (await Factory.CreateDatabaseAsync(), new Hold());
        var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString), options([hold]));
        await store.InitializeAsync();
        _stores[store] = (connectionString, hold);
        return store;
    }

    protected override async Task<IAsyncDisposable> HoldAsync(ILedgerStore store)
    {
        var hold = _stores[store].Hold;
        _ = hold.Start(store); // awaited through First
        await hold.Holding.WaitAsync(Patience);
        return hold;
    }

    protected override long CountCommitted(ILedgerStore store)
    {
        using var connection = new NpgsqlConnection(_stores[store].ConnectionString);
        connection.Open();
        return (long)new NpgsqlCommand("SELECT count(*) FROM ledger.events", connection).ExecuteScalar()!;
    }

    [Fact]
    public async Task An_append_whose_read_model_rows_fail_rolls_back_alone_in_the_middle_of_a_batch_or_at_its_end()
    {
        var hold = new Hold();
        // No fault hook: each append's rows go with the next append's call, or with the COMMIT.
        await using var store = await OpenStoreAsync(new EventStoreOptions { InlineProjections = [hold, new RefusingRowsProjection()] });
        await ExecuteAsync(store, "CREATE TABLE gc_children (parent text REFERENCES gc_parents (id))");
        var heard = new List<string>();
        void Hear(AppendResult r) => heard.Add(r.Streams[0].StreamId);

        var a = await hold.QueueAsync(
            store,
            () => store.AppendAsync([new StreamAppend("s-item", ExpectedVersion.NoStream, [Event("first")])], null, Hear, CancellationToken.None),
            () => store.AppendAsync([new StreamAppend(RefusingRowsProjection.Refused, ExpectedVersion.NoStream, [Event("refused")])], null, Hear, CancellationToken.None),
            () => store.AppendAsync([new StreamAppend("s-item", ExpectedVersion.Exactly(1), [Event("second")])], null, Hear, CancellationToken.None),
            () => store.AppendAsync([new StreamAppend(RefusingRowsProjection.Refused, ExpectedVersion.NoStream, [Event("refused last")])], null, Hear, CancellationToken.None));

        Assert.Equal(1, (await a[0]).NextExpectedVersion);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, (await Assert.ThrowsAsync<PostgresException>(() => a[1])).SqlState);
        Assert.Equal(2, (await a[2]).NextExpectedVersion);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, (await Assert.ThrowsAsync<PostgresException>(() => a[3])).SqlState);
        Assert.Equal(["first", "second"], (await ReadAllAsync(store)).Select(e => Note(e.Data)));
        // The projection's rows went with the append after each: the refused ones were heard, then undone alone.
        Assert.Equal(["s-item", RefusingRowsProjection.Refused, "s-item", RefusingRowsProjection.Refused], heard);
    }

    [Fact]
    public async Task Appends_queued_together_share_round_trips_and_each_still_sees_the_versions_and_keys_written_before_it()
    {
        var hold = new Hold();
        // No fault hook: what queued while the batch was held goes to the server in pipelines.
        await using var store = await OpenStoreAsync(new EventStoreOptions { InlineProjections = [hold] });
        var a = await hold.QueueAsync(store, [.. DependentAppends(store), FreshAppend(store)]);

        await AssertDependentAsync(a);
        Assert.Equal(1, (await a[6]).NextExpectedVersion);
        Assert.Equal(["a1", "a2", "keyed", "fresh"], (await ReadAllAsync(store)).Select(e => Note(e.Data)));
    }

    [Fact]
    public async Task A_projection_that_throws_for_one_append_of_a_round_trip_fails_that_append_alone()
    {
        var hold = new Hold();
        await using var store = await OpenStoreAsync(new EventStoreOptions { InlineProjections = [hold, new ThrowingProjection()] });

        var a = await hold.QueueAsync(
            store,
            () => store.AppendAsync("s-before", ExpectedVersion.NoStream, [Event("before")]),
            () => store.AppendAsync(ThrowingProjection.Refused, ExpectedVersion.NoStream, [Event("refused")]),
            () => store.AppendAsync("s-after", ExpectedVersion.NoStream, [Event("after")]));

        Assert.Equal(1, (await a[0]).NextExpectedVersion);
        Assert.Equal("no rows for this one", (await Assert.ThrowsAsync<InvalidOperationException>(() => a[1])).Message);
        Assert.Equal(1, (await a[2]).NextExpectedVersion);
        Assert.Equal(["before", "after"], (await ReadAllAsync(store)).Select(e => Note(e.Data)));
        // The refused append's row, written before its projection threw, went with it.
        Assert.Equal(["s-after", "s-before"], await IdsAsync(store, "gc_throwing_rows"));
    }

    [Fact]
    public async Task A_failed_commit_fails_every_append_of_its_batch()
    {
        var hold = new Hold();
        await using var store = await OpenStoreAsync(new EventStoreOptions { InlineProjections = [hold, new RefusingRowsProjection()] });
        await ExecuteAsync(store, "CREATE TABLE gc_children (parent text REFERENCES gc_parents (id) DEFERRABLE INITIALLY DEFERRED)");

        var a = await hold.QueueAsync(
            store,
            () => store.AppendAsync("s-kept", ExpectedVersion.NoStream, [Event("kept")]),
            () => store.AppendAsync(RefusingRowsProjection.Refused, ExpectedVersion.NoStream, [Event("dangling until COMMIT")]));

        foreach (var attempt in a.Append(hold.First!))
        {
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, (await Assert.ThrowsAsync<PostgresException>(() => attempt)).SqlState);
        }

        Assert.Empty(await ReadAllAsync(store));
        Assert.Equal(1, (await store.AppendAsync("s-kept", ExpectedVersion.NoStream, [Event("again")])).NextExpectedVersion);
    }

    private async Task<PostgresEventStore> OpenStoreAsync(EventStoreOptions options)
    {
        var store = new PostgresEventStore(new PostgresEventStoreSettings(await Factory.CreateDatabaseAsync()), options);
        await store.InitializeAsync();
        return store;
    }

    private static async Task<List<string>> IdsAsync(ILedgerStore store, string table)
    {
        await using var query = await store.BeginReadModelQueryAsync();
        await using var command = query.CreateCommand($"SELECT id FROM {query.Table(table)} WHERE id <> '{HeldStream}' ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task ExecuteAsync(ILedgerStore store, string sql)
    {
        await using var transaction = await store.BeginReadModelTransactionAsync();
        await transaction.ExecuteAsync(sql, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// An inline projection that holds the batch of an append to <c>s-hold</c> until released: the queue's one
    /// connection waits with it, so what queues meanwhile joins that batch.
    /// </summary>
    private sealed class Hold : IProjection, IAsyncDisposable
    {
        private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "gc_hold";

        public IReadOnlyList<ReadModelTable> Tables { get; } = [new("gc_hold_rows", [ReadModelColumn.Text("id")], ["id"])];

        public Task Holding => _holding.Task;

        public Task<AppendResult>? First { get; private set; }

        public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            if (events.Any(e => e.StreamId == "s-hold"))
            {
                _holding.TrySetResult();
                await _release.Task.WaitAsync(Patience, cancellationToken);
            }
        }

        public Task<AppendResult> Start(ILedgerStore store) =>
            First = Task.Run(() => store.AppendAsync("s-hold", ExpectedVersion.NoStream, [Event("held")]));

        public void Release() => _release.TrySetResult();

        /// <summary>Releases the held append and waits for it.</summary>
        public async ValueTask DisposeAsync()
        {
            Release();
            await First!.WaitAsync(Patience);
        }

        /// <summary>Queues the appends behind the held one, releases it, and waits for them all.</summary>
        public async Task<Task<AppendResult>[]> QueueAsync(ILedgerStore store, params Func<Task<AppendResult>>[] appends)
        {
            _ = Start(store); // awaited through First
            await Holding.WaitAsync(Patience);
            var attempts = appends.Select(append => append()).ToArray();
            Assert.All(attempts, a => Assert.False(a.IsCompleted));
            Release();
            await Task.WhenAny(Task.WhenAll(attempts.Append(First!)), Task.Delay(Patience));
            return attempts;
        }
    }

    /// <summary>A row per event, written before it throws for the refused stream's events.</summary>
    private sealed class ThrowingProjection : IProjection
    {
        public const string Refused = "s-throws";

        public string Name => "gc_throwing";

        public IReadOnlyList<ReadModelTable> Tables { get; } = [new("gc_throwing_rows", [ReadModelColumn.Text("id")], ["id"])];

        public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                await transaction.WriteAsync(
                    $"INSERT INTO {transaction.Table("gc_throwing_rows")} (id) VALUES (@id)", [new("@id", e.StreamId)], cancellationToken);
                if (e.StreamId == Refused)
                {
                    throw new InvalidOperationException("no rows for this one");
                }
            }
        }
    }

    /// <summary>
    /// A row per event, and for the refused stream's events a row in <c>gc_children</c> (made by the test, with its
    /// foreign key checked at once or at COMMIT) whose parent never comes.
    /// </summary>
    private sealed class RefusingRowsProjection : IProjection
    {
        public const string Refused = "s-refused";

        public string Name => "gc_refusing";

        public IReadOnlyList<ReadModelTable> Tables { get; } = [new("gc_parents", [ReadModelColumn.Text("id")], ["id"])];

        public async Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                await transaction.WriteAsync(
                    $"INSERT INTO {transaction.Table("gc_parents")} (id) VALUES (@id)", [new("@id", e.EventId.ToString("D"))], cancellationToken);
                if (e.StreamId == Refused)
                {
                    await transaction.WriteAsync("INSERT INTO gc_children (parent) VALUES ('nobody')", [], cancellationToken);
                }
            }
        }
    }
}
