using System.Data.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.EventStore.Sqlite;
using Ledger.Testing;
using Microsoft.Data.Sqlite;
using static Ledger.Tests.EventStore.SqliteRaw;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The SQLite store's group commit: appends queued behind the one writer are written in queue order in one
/// transaction, each in its own savepoint, and answered only once the shared COMMIT has returned. A read-model
/// transaction holds the writer while a test queues its appends, so they are known to form one batch.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteEventStoreFactory factory) : IClassFixture<SqliteEventStoreFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_lone_append_is_written_within_its_call_without_waiting_for_company()
    {
        using var store = await factory.OpenStoreAsync(factory.NewFilePath());

        var append = store.AppendAsync("s-alone", ExpectedVersion.NoStream, [Event("alone")]);

        Assert.True(append.IsCompletedSuccessfully);
        Assert.Equal(1, (await append).NextExpectedVersion);
    }

    [Fact]
    public async Task Each_queued_append_sees_the_versions_and_keys_written_before_it_in_its_batch_and_fails_alone()
    {
        var signal = new FeedSignal();
        using var store = await factory.OpenStoreAsync(factory.NewFilePath(), new EventStoreOptions
        {
            Appended = signal,
            BeforeCommit = (appends, _) => appends[0].StreamId == "s-hooked"
                ? Task.FromException(new InvalidOperationException("refused before commit"))
                : Task.CompletedTask,
        });
        var key = new IdempotencyKey("clerk-1/key-1", "hash-1", r => $"position {r.LastPosition}");

        var a = await QueueAsync(
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
        var all = await ReadAllAsync(store);
        Assert.Equal(["a1", "a2", "keyed", "fresh"], all.Select(e => e.Data[9..^2]));
        Assert.Equal([1L, 2, 3, 4], all.Select(e => e.Position));
        Assert.Equal(fresh.LastPosition, signal.LastPosition);
    }

    [Fact]
    public async Task A_failed_commit_fails_every_append_of_its_batch_and_a_bounded_batch_leaves_the_rest_to_the_next()
    {
        using var store = await factory.OpenStoreAsync(factory.NewFilePath(), new EventStoreOptions
        {
            InlineProjections = [new DanglingReferenceProjection()],
        });
        await DeferForeignKeysToCommitAsync(store);
        const int queued = SqliteCommitQueue.MaxBatch + 2;

        var attempts = await QueueAsync(store, Enumerable.Range(0, queued).Select(i => (Func<Task<AppendResult>>)(() =>
            store.AppendAsync(i == 0 ? DanglingReferenceProjection.Doomed : $"s-{i}", ExpectedVersion.NoStream, [Event($"e{i}")]))).ToArray());

        // The first batch passed every savepoint and failed at COMMIT, on a deferred foreign key only the COMMIT checks.
        foreach (var attempt in attempts[..SqliteCommitQueue.MaxBatch])
        {
            var ex = await Assert.ThrowsAsync<SqliteException>(() => attempt);
            Assert.Contains("FOREIGN KEY", ex.Message);
        }

        var landed = await Task.WhenAll(attempts[SqliteCommitQueue.MaxBatch..]);
        var all = await ReadAllAsync(store);
        Assert.Equal([$"s-{queued - 2}", $"s-{queued - 1}"], all.Select(e => e.StreamId));
        Assert.Equal(all.Select(e => e.Position), landed.Select(r => r.LastPosition));
        Assert.Equal(1, (await store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event("again")])).NextExpectedVersion);
    }

    [Fact]
    public async Task The_written_hook_runs_before_the_commit_and_the_append_still_fails_if_the_commit_does()
    {
        using var store = await factory.OpenStoreAsync(factory.NewFilePath(), new EventStoreOptions
        {
            InlineProjections = [new DanglingReferenceProjection()],
        });
        await DeferForeignKeysToCommitAsync(store);
        var heard = new List<(string Stream, bool Answered)>();
        Task<AppendResult>? doomed = null, kept = null;
        void Hear(AppendResult r) => heard.Add((r.Streams[0].StreamId, (r.Streams[0].StreamId == "s-kept" ? kept : doomed)!.IsCompleted));

        await QueueAsync(
            store,
            () => doomed = store.AppendAsync([new StreamAppend(DanglingReferenceProjection.Doomed, ExpectedVersion.NoStream, [Event("doomed")])], null, Hear, CancellationToken.None),
            () => kept = store.AppendAsync([new StreamAppend("s-kept", ExpectedVersion.NoStream, [Event("kept")])], null, Hear, CancellationToken.None));
        await Assert.ThrowsAsync<SqliteException>(() => doomed!);
        await Assert.ThrowsAsync<SqliteException>(() => kept!);

        // Both were written, and heard of, before the batch's COMMIT failed: neither was answered yet.
        Assert.Equal([(DanglingReferenceProjection.Doomed, false), ("s-kept", false)], heard);
        Assert.Empty(await ReadAllAsync(store));
    }

    [Fact]
    public async Task An_append_that_queues_while_a_batch_is_written_joins_that_batch_before_its_commit()
    {
        var path = factory.NewFilePath();
        using var store = await factory.OpenStoreAsync(path);
        using var reader = OpenRaw(path);
        Task<AppendResult>? next = null;
        long? committedWhenNextWasWritten = null;

        // As at the counter: the next sale of an item is decided once the sale before it is written, and queues then.
        var first = await store.AppendAsync(
            [new StreamAppend("s-item", ExpectedVersion.NoStream, [Event("first")])], null,
            _ => next = store.AppendAsync(
                [new StreamAppend("s-item", ExpectedVersion.Exactly(1), [Event("next")])], null,
                _ => committedWhenNextWasWritten = (long)Scalar(reader, "SELECT COUNT(*) FROM events")!,
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
        using var store = await factory.OpenStoreAsync(factory.NewFilePath());
        using var cancel = new CancellationTokenSource();
        var hold = await store.BeginReadModelTransactionAsync();

        var cancelled = store.AppendAsync("s-cancelled", ExpectedVersion.NoStream, [Event("cancelled")], cancellationToken: cancel.Token);
        var kept = store.AppendAsync("s-kept", ExpectedVersion.NoStream, [Event("kept")]);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.False(kept.IsCompleted);
        await hold.DisposeAsync();
        await kept.WaitAsync(Patience);
        Assert.Equal(["s-kept"], (await ReadAllAsync(store)).Select(e => e.StreamId));
    }

    private static async Task<Task<AppendResult>[]> QueueAsync(IEventStore store, params Func<Task<AppendResult>>[] appends)
    {
        Task<AppendResult>[] attempts;
        await using (await store.BeginReadModelTransactionAsync())
        {
            attempts = appends.Select(append => append()).ToArray();
            Assert.All(attempts, a => Assert.False(a.IsCompleted));
        }

        await Task.WhenAny(Task.WhenAll(attempts), Task.Delay(Patience));
        return attempts;
    }

    /// <summary>
    /// Gives the store a child table whose foreign key SQLite checks only at COMMIT, and turns foreign keys on for the
    /// writer (the store leaves them off). The pragma is ignored inside a transaction, so it is set on the writer's
    /// connection between two, while nothing else uses the store.
    /// </summary>
    private static async Task DeferForeignKeysToCommitAsync(IEventStore store)
    {
        DbConnection writer;
        await using (var tx = await store.BeginReadModelTransactionAsync())
        {
            Execute(tx.Connection, tx.Transaction, "CREATE TABLE gc_parent (id TEXT PRIMARY KEY)");
            Execute(tx.Connection, tx.Transaction, "CREATE TABLE gc_child (parent TEXT REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED)");
            await tx.CommitAsync();
            writer = tx.Connection;
        }

        Execute(writer, null, "PRAGMA foreign_keys = ON");
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
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

    /// <summary>A row per event, and for the doomed stream's events a child row whose parent never comes: legal until COMMIT.</summary>
    private sealed class DanglingReferenceProjection : IProjection
    {
        public const string Doomed = "s-doomed";

        public string Name => "gc_dangling";

        public IReadOnlyList<ReadModelTable> Tables { get; } = [new("gc_events", [ReadModelColumn.Text("event_id")], ["event_id"])];

        public Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
        {
            foreach (var e in events)
            {
                Execute(transaction.Connection, transaction.Transaction, $"INSERT INTO {transaction.Table("gc_events")} VALUES ('{e.EventId:D}')");
                if (e.StreamId == Doomed)
                {
                    Execute(transaction.Connection, transaction.Transaction, "INSERT INTO gc_child (parent) VALUES ('nobody')");
                }
            }

            return Task.CompletedTask;
        }
    }
}
