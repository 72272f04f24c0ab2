using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.EventStore.Sqlite;
using Ledger.Testing;
using Microsoft.Data.Sqlite;
using static Ledger.Tests.EventStore.SqliteRaw;

namespace Ledger.Tests.EventStore;

/// <summary>What only the embedded store must do beyond the contract: survive a reopen, refuse to rewrite history, share its file.</summary>
public sealed class SqliteEventStoreTests(SqliteEventStoreFactory factory) : IClassFixture<SqliteEventStoreFactory>
{
    [Fact]
    public async Task Reopening_a_ledger_keeps_its_events_and_continues_their_hash_chain()
    {
        var path = factory.NewFilePath();
        using (var first = await factory.OpenStoreAsync(path))
        {
            await first.AppendAsync("s-keep", ExpectedVersion.NoStream, [Event("one"), Event("two")]);
        }

        using var reopened = await factory.OpenStoreAsync(path);
        await reopened.AppendAsync("s-keep", ExpectedVersion.Exactly(2), [Event("three")]);

        var events = await reopened.ReadStreamToListAsync("s-keep");
        Assert.Equal([1L, 2, 3], events.Select(e => e.StreamVersion));
        var previous = EventHasher.GenesisHash;
        foreach (var e in events)
        {
            Assert.Equal(EventHasher.Compute(previous, e), e.Hash);
            previous = e.Hash;
        }
    }

    [Fact]
    public async Task The_log_is_copied_back_into_the_database_file_in_the_background_not_by_a_commit()
    {
        var path = factory.NewFilePath();
        using var store = await factory.OpenStoreAsync(path);
        await using (var writer = await store.BeginReadModelTransactionAsync())
        {
            await using var automatic = writer.CreateCommand("PRAGMA wal_autocheckpoint");
            Assert.Equal(0L, await automatic.ExecuteScalarAsync());
        }

        var before = new FileInfo(path).Length;
        var note = new string('账', 2_000);

        // About 1,500 pages of log, past the 1,000 at which a COMMIT would have checkpointed by default.
        for (var i = 0; i < 300; i++)
        {
            await store.AppendAsync($"s-{i}", ExpectedVersion.NoStream, [Event(note)]);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (new FileInfo(path).Length <= before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(new FileInfo(path).Length > before, "nothing copied the log back into the database file");
    }

    [Fact]
    public async Task A_ledger_whose_keys_were_stored_by_key_is_migrated_and_its_keys_still_replay_and_stay_append_only()
    {
        var path = factory.NewFilePath();
        using (var store = await factory.OpenStoreAsync(path))
        {
            await store.AppendAsync("s-old", ExpectedVersion.NoStream, [Event("sold")], new IdempotencyKey("k-old", "h", _ => "{\"receipt\":1}"));
        }

        // Back to schema 1 as it was written: the same rows, in a WITHOUT ROWID table keyed by the key.
        Raw(path, """
            CREATE TABLE keys_v1 (key TEXT NOT NULL PRIMARY KEY, request_hash TEXT NOT NULL, result TEXT NOT NULL, response TEXT,
                recorded_at TEXT NOT NULL) WITHOUT ROWID;
            INSERT INTO keys_v1 SELECT key, request_hash, result, response, recorded_at FROM idempotency_keys;
            DROP TABLE idempotency_keys;
            ALTER TABLE keys_v1 RENAME TO idempotency_keys;
            DELETE FROM ledger_schema_version WHERE version > 1;
            """);

        using var migrated = await factory.OpenStoreAsync(path);
        var replay = await migrated.AppendAsync("s-old", ExpectedVersion.NoStream, [Event("sold")], new IdempotencyKey("k-old", "h"));

        Assert.True(replay.Replayed);
        Assert.Equal("{\"receipt\":1}", replay.Response);
        using var connection = OpenRaw(path);
        Assert.Equal((long)SqliteSchema.Instance.LatestVersion, Scalar(connection, "SELECT MAX(version) FROM ledger_schema_version"));
        Assert.Throws<SqliteException>(() => Raw(path, "DELETE FROM idempotency_keys"));
        Assert.Equal(1L, Scalar(connection, "SELECT COUNT(*) FROM idempotency_keys"));
        Assert.DoesNotContain("WITHOUT ROWID", (string)Scalar(connection, "SELECT sql FROM sqlite_master WHERE name = 'idempotency_keys'")!);
    }

    [Fact]
    public async Task SQLite_sleeps_for_the_milliseconds_it_asks_not_for_a_whole_second()
    {
        // The bundled library alone would sleep a second here (it is built without usleep); the store's VFS does not.
        using var store = await factory.OpenStoreAsync(factory.NewFilePath());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var slept = sqlite3_sleep(5);

        Assert.InRange(slept, 5, 50);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 500);
    }

    [Theory]
    [InlineData("UPDATE events SET data = '{\"note\":\"forged\"}'")]
    [InlineData("DELETE FROM events")]
    [InlineData("UPDATE idempotency_keys SET response = 'forged'")]
    [InlineData("DELETE FROM idempotency_keys")]
    public async Task The_database_itself_refuses_to_rewrite_history(string tamper)
    {
        var path = factory.NewFilePath();
        using (var store = await factory.OpenStoreAsync(path))
        {
            await store.AppendAsync("s-history", ExpectedVersion.NoStream, [Event("kept")], new IdempotencyKey("k", "h", _ => "ok"));
        }

        var ex = Assert.Throws<SqliteException>(() => Raw(path, tamper));

        Assert.Contains("append-only", ex.Message);
        using var reopened = await factory.OpenStoreAsync(path);
        var kept = Assert.Single(await reopened.ReadStreamToListAsync("s-history"));
        Assert.Equal("""{"note":"kept"}""", kept.Data);
        Assert.Equal("ok", (await reopened.FindIdempotencyKeyAsync("k"))?.Result.Response);
    }

    [Fact]
    public async Task Two_stores_on_one_file_append_concurrently_without_busy_errors_and_without_gaps()
    {
        // Two store instances stand in for two processes: they share no lock, only the file.
        var path = factory.NewFilePath();
        using var a = await factory.OpenStoreAsync(path);
        using var b = await factory.OpenStoreAsync(path);

        await Task.WhenAll(
            Task.Run(() => AppendManyAsync(a, "s-a", 40)),
            Task.Run(() => AppendManyAsync(b, "s-b", 40)));

        var all = new List<RecordedEvent>();
        await foreach (var e in a.ReadAllAsync())
        {
            all.Add(e);
        }

        Assert.Equal(Enumerable.Range(1, 80).Select(p => (long)p), all.Select(e => e.Position));
        Assert.Equal(40, all.Count(e => e.StreamId == "s-a"));
    }

    [Fact]
    public async Task An_open_read_model_transaction_holds_appends_back_until_it_ends()
    {
        using var store = await factory.OpenStoreAsync(factory.NewFilePath());
        var transaction = await store.BeginReadModelTransactionAsync();

        var append = Task.Run(() => store.AppendAsync("s-queued", ExpectedVersion.NoStream, [Event("queued")]));
        var finishedEarly = await Task.WhenAny(append, Task.Delay(300)) == append;
        await transaction.DisposeAsync();
        await append.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(finishedEarly);
        Assert.Single(await store.ReadStreamToListAsync("s-queued"));
    }

    [Fact]
    public async Task A_store_used_before_InitializeAsync_says_so()
    {
        using var store = new SqliteEventStore(new SqliteEventStoreSettings(factory.NewFilePath()));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.AppendAsync("s", ExpectedVersion.Any, [Event("early")]));

        Assert.Contains("InitializeAsync", ex.Message);
    }

    private static async Task AppendManyAsync(ILedgerStore store, string streamId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await store.AppendAsync(streamId, ExpectedVersion.Exactly(i), [Event($"{streamId}-{i}")]);
        }
    }

    // Not in SQLitePCLRaw's API: straight from the bundled library the store loads.
    [System.Runtime.InteropServices.DllImport("e_sqlite3")]
    private static extern int sqlite3_sleep(int milliseconds);
}
