using System.Data.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.EventStore.Sqlite;
using Ledger.Testing;
using Microsoft.Data.Sqlite;
using static Ledger.Tests.EventStore.SqliteRaw;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The SQLite store's group commit (<see cref="GroupCommitContract{TFactory}"/>, and what only SQLite does: a lone
/// append written within its call, a batch bounded at <see cref="SqliteCommitQueue.MaxBatch"/>). A read-model
/// transaction holds the one writer while a test queues its appends, so they are known to form one batch.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteEventStoreFactory factory) : GroupCommitContract<SqliteEventStoreFactory>(factory)
{
    private readonly Dictionary<ILedgerStore, string> _paths = [];

    protected override bool GaplessPositions => true;

    protected override async Task<ILedgerStore> OpenAsync(Func<IReadOnlyList<IProjection>, EventStoreOptions> options)
    {
        var path = Factory.NewFilePath();
        var store = await Factory.OpenStoreAsync(path, options([]));
        _paths[store] = path;
        return store;
    }

    protected override async Task<IAsyncDisposable> HoldAsync(ILedgerStore store) => await store.BeginReadModelTransactionAsync();

    protected override long CountCommitted(ILedgerStore store)
    {
        using var reader = OpenRaw(_paths[store]);
        return (long)Scalar(reader, "SELECT COUNT(*) FROM events")!;
    }

    [Fact]
    public async Task A_lone_append_is_written_within_its_call_without_waiting_for_company()
    {
        using var store = await Factory.OpenStoreAsync(Factory.NewFilePath());

        var append = store.AppendAsync("s-alone", ExpectedVersion.NoStream, [Event("alone")]);

        Assert.True(append.IsCompletedSuccessfully);
        Assert.Equal(1, (await append).NextExpectedVersion);
    }

    [Fact]
    public async Task A_failed_commit_fails_every_append_of_its_batch_and_a_bounded_batch_leaves_the_rest_to_the_next()
    {
        using var store = await Factory.OpenStoreAsync(Factory.NewFilePath(), new EventStoreOptions
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
        using var store = await Factory.OpenStoreAsync(Factory.NewFilePath(), new EventStoreOptions
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

    /// <summary>
    /// Gives the store a child table whose foreign key SQLite checks only at COMMIT, and turns foreign keys on for the
    /// writer (the store leaves them off). The pragma is ignored inside a transaction, so it is set on the writer's
    /// connection between two, while nothing else uses the store.
    /// </summary>
    private static async Task DeferForeignKeysToCommitAsync(ILedgerStore store)
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
