using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.EventStore.Projections;
using Ledger.Testing;
using Npgsql;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The PostgreSQL store's group commit: appends queued while a batch is written join it, each in its own savepoint,
/// and are answered only once the shared COMMIT has returned. A first append held by an inline projection holds the
/// queue's one connection, so the appends a test queues meanwhile are known to form one batch.
/// </summary>
public sealed class PostgresGroupCommitTests(PostgresEventStoreFactory factory) : IClassFixture<PostgresEventStoreFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_queued_append_sees_the_versions_and_keys_written_before_it_in_its_batch_and_fails_alone()
    {
        var signal = new FeedSignal();
        var hold = new Hold();
        await using var store = await OpenAsync(new EventStoreOptions
        {
            Appended = signal,
            InlineProjections = [hold],
            BeforeCommit = (appends, _) => appends[0].StreamId == "s-hooked"
                ? Task.FromException(new InvalidOperationException("refused before commit"))
                : Task.CompletedTask,
        });
        var key = new IdempotencyKey("clerk-1/key-1", "hash-1", r => $"position {r.LastPosition}");

        var a = await hold.QueueAsync(
            store,
            () => store.AppendAsync("s-a", ExpectedVersion.NoStream, [Event("a1")]),
            () => store.AppendAsync("s-a", ExpectedVersion.Exactly(1), [Event("a2")]),
            () => store.AppendAsync("s-a", ExpectedVersion.NoStream, [Event("a-late")]),
            () => store.AppendAsync("s-keyed", ExpectedVersion.NoStream, [Event("keyed")], key),
            () => store.AppendAsync("s-retry", ExpectedVersion.NoStream, [Event("retry")], key),
            () => store.AppendAsync("s-retry", ExpectedVersion.NoStream, [Event("other")], new IdempotencyKey(key.Key, "hash-2")),
            () => store.AppendAsync("s-hooked", ExpectedVersion.NoStream, [Event("hooked")]),
            () => store.AppendAsync("s-retry", ExpectedVersion.NoStream, [Event("fresh")]));

        Assert.Equal(1, (await a[0]).NextExpectedVersion);
        Assert.Equal(2, (await a[1]).NextExpectedVersion);
        Assert.Equal(2, (await Assert.ThrowsAsync<ConcurrencyException>(() => a[2])).Actual);
        var keyed = await a[3];
        var replay = await a[4];
        Assert.True(replay.Replayed);
        Assert.Equal([new StreamVersion("s-keyed", 1)], replay.Streams);
        Assert.Equal($"position {keyed.LastPosition}", replay.Response);
        Assert.Equal(key.Key, (await Assert.ThrowsAsync<IdempotencyConflictException>(() => a[5])).Key);
        Assert.Equal("refused before commit", (await Assert.ThrowsAsync<InvalidOperationException>(() => a[6])).Message);
        var fresh = await a[7];
        Assert.Equal(1, fresh.NextExpectedVersion);
        Assert.Equal(["held", "a1", "a2", "keyed", "fresh"], (await ReadAllAsync(store)).Select(e => Note(e.Data)));
        Assert.Equal(fresh.LastPosition, signal.LastPosition);
    }

    [Fact]
    public async Task An_append_whose_read_model_rows_fail_rolls_back_alone_in_the_middle_of_a_batch_or_at_its_end()
    {
        var hold = new Hold();
        // No fault hook: each append's rows go with the next append's call, or with the COMMIT.
        await using var store = await OpenAsync(new EventStoreOptions { InlineProjections = [hold, new RefusingRowsProjection()] });
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
        Assert.Equal(["held", "first", "second"], (await ReadAllAsync(store)).Select(e => Note(e.Data)));
        // The projection's rows went with the append after each: the refused ones were heard, then undone alone.
        Assert.Equal(["s-item", RefusingRowsProjection.Refused, "s-item", RefusingRowsProjection.Refused], heard);
    }

    [Fact]
    public async Task A_failed_commit_fails_every_append_of_its_batch()
    {
        var hold = new Hold();
        await using var store = await OpenAsync(new EventStoreOptions { InlineProjections = [hold, new RefusingRowsProjection()] });
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

    [Fact]
    public async Task An_append_that_queues_while_a_batch_is_written_joins_that_batch_before_its_commit()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(
            new PostgresEventStoreSettings(connectionString), new EventStoreOptions { BeforeCommit = (_, _) => Task.CompletedTask });
        await store.InitializeAsync();
        Task<AppendResult>? next = null;
        long? committedWhenNextWasWritten = null;

        // As at the counter: the next sale of an item is decided once the sale before it is written, and queues then.
        var first = await store.AppendAsync(
            [new StreamAppend("s-item", ExpectedVersion.NoStream, [Event("first")])], null,
            _ => next = store.AppendAsync(
                [new StreamAppend("s-item", ExpectedVersion.Exactly(1), [Event("next")])], null,
                _ => committedWhenNextWasWritten = Count(connectionString),
                CancellationToken.None),
            CancellationToken.None);

        Assert.Equal(2, (await next!.WaitAsync(Patience)).NextExpectedVersion);
        // Written before the first append's batch committed: the two share one COMMIT.
        Assert.Equal(0L, committedWhenNextWasWritten);
        Assert.Equal(1, first.NextExpectedVersion);
    }

    [Fact]
    public async Task An_append_cancelled_while_queued_is_answered_at_once_and_never_written()
    {
        var hold = new Hold();
        await using var store = await OpenAsync(new EventStoreOptions { InlineProjections = [hold] });
        using var cancel = new CancellationTokenSource();
        var held = hold.Start(store);
        await hold.Holding.WaitAsync(Patience);

        var cancelled = store.AppendAsync("s-cancelled", ExpectedVersion.NoStream, [Event("cancelled")], cancellationToken: cancel.Token);
        var kept = store.AppendAsync("s-kept", ExpectedVersion.NoStream, [Event("kept")]);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.False(kept.IsCompleted);
        hold.Release();
        await Task.WhenAll(held, kept).WaitAsync(Patience);
        Assert.Equal(["s-hold", "s-kept"], (await ReadAllAsync(store)).Select(e => e.StreamId));
    }

    private async Task<PostgresEventStore> OpenAsync(EventStoreOptions options)
    {
        var store = new PostgresEventStore(new PostgresEventStoreSettings(await factory.CreateDatabaseAsync()), options);
        await store.InitializeAsync();
        return store;
    }

    private static async Task ExecuteAsync(IEventStore store, string sql)
    {
        await using var transaction = await store.BeginReadModelTransactionAsync();
        await transaction.ExecuteAsync(sql, CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static long Count(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return (long)new NpgsqlCommand("SELECT count(*) FROM ledger.events", connection).ExecuteScalar()!;
    }

    private static async Task<List<RecordedEvent>> ReadAllAsync(IEventStore store)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync())
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>
    /// An inline projection that holds the batch of an append to <c>s-hold</c> until released: the queue's one
    /// connection waits with it, so what queues meanwhile joins that batch.
    /// </summary>
    private sealed class Hold : IProjection
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

        public Task<AppendResult> Start(IEventStore store) =>
            First = Task.Run(() => store.AppendAsync("s-hold", ExpectedVersion.NoStream, [Event("held")]));

        public void Release() => _release.TrySetResult();

        /// <summary>Queues the appends behind the held one, releases it, and waits for them all.</summary>
        public async Task<Task<AppendResult>[]> QueueAsync(IEventStore store, params Func<Task<AppendResult>>[] appends)
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
