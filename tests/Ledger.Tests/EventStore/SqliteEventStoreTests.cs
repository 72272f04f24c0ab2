using Ledger.EventStore;
using Ledger.EventStore.Sqlite;
using Ledger.Testing;
using Microsoft.Data.Sqlite;

namespace Ledger.Tests.EventStore;

/// <summary>What only the embedded store must do: guard its file, survive a reopen, and refuse to rewrite history.</summary>
public sealed class SqliteEventStoreTests(SqliteEventStoreFactory factory) : IClassFixture<SqliteEventStoreFactory>
{
    private static NewEvent Event(string note) =>
        new(Guid.NewGuid(), "ContractTested.v1", $$"""{"note":"{{note}}"}""", new EventMetadata("key:sqlite"));

    [Fact]
    public async Task A_file_that_is_not_SQLite_is_refused_with_a_message_naming_it_and_left_untouched()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 31 % 251)).ToArray();
        await File.WriteAllBytesAsync(path, garbage);

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("not SQLite", ex.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_path_that_cannot_be_opened_is_refused_with_a_message_naming_it()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(path);

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("cannot be opened", ex.Message);
    }

    [Fact]
    public async Task A_foreign_SQLite_database_is_refused_and_not_modified()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Raw(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('张三');");
        var before = await File.ReadAllBytesAsync(path);

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("not a ledger", ex.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_SQLite_database_of_another_application_is_refused_naming_its_application_id()
    {
        var path = factory.NewFilePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Raw(path, "PRAGMA application_id = 42;");

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("application_id 42", ex.Message);
    }

    [Fact]
    public async Task A_ledger_from_a_newer_build_is_refused()
    {
        var path = factory.NewFilePath();
        (await factory.OpenStoreAsync(path)).Dispose();
        Raw(path, "INSERT INTO ledger_schema_version (version, name, applied_at) VALUES (999, 'from_the_future', '2099-01-01');");

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => factory.OpenStoreAsync(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("newer version", ex.Message);
    }

    [Fact]
    public async Task A_new_ledger_is_created_in_a_missing_folder_stamped_as_a_ledger_in_WAL_mode()
    {
        var path = Path.Combine(factory.Folder, "nested", Guid.NewGuid().ToString("N"), "ledger.db");

        using var store = await factory.OpenStoreAsync(path);

        Assert.True(File.Exists(path));
        using var connection = OpenRaw(path);
        Assert.Equal((long)SqliteSchema.ApplicationId, Scalar(connection, "PRAGMA application_id"));
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.LatestVersion, Scalar(connection, "SELECT MAX(version) FROM ledger_schema_version"));
    }

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

    private static async Task AppendManyAsync(IEventStore store, string streamId, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await store.AppendAsync(streamId, ExpectedVersion.Exactly(i), [Event($"{streamId}-{i}")]);
        }
    }

    private static SqliteConnection OpenRaw(string path)
    {
        // Pooling off: the test's own connection must not keep the file open behind the store's back.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Raw(string path, string sql)
    {
        using var connection = OpenRaw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
