using Ledger.EventStore;
using Ledger.EventStore.Sqlite;
using Ledger.Testing;
using static Ledger.Tests.EventStore.SqliteRaw;

namespace Ledger.Tests.EventStore;

/// <summary>
/// The SQLite writer commits without waiting for the disk and the store syncs the log itself. A test stands in for a
/// slow disk by holding the sync, or for a failed one by throwing from it: an append is answered only once its commit
/// is synced, a read never hands on what is not synced, and the writer goes on writing meanwhile.
/// </summary>
public sealed class SqliteWalSyncTests(SqliteEventStoreFactory factory) : IClassFixture<SqliteEventStoreFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_append_and_a_read_of_it_wait_until_its_commit_is_synced()
    {
        using var disk = new SlowDisk();
        var path = factory.NewFilePath();
        using var store = await OpenAsync(path, disk);
        var key = new IdempotencyKey("clerk-1/key-1", "hash-1", _ => "receipt");

        disk.Hold();
        var append = Task.Run(() => store.AppendAsync("s-slow", ExpectedVersion.NoStream, [Event("slow")], key));
        Assert.True(disk.Syncing.Wait(Patience));

        // Committed: another connection sees it. Not synced: nobody is told.
        using (var raw = OpenRaw(path))
        {
            Assert.Equal(1L, Scalar(raw, "SELECT COUNT(*) FROM events WHERE stream_id = 's-slow'"));
        }

        var retried = store.FindIdempotencyKeyAsync(key.Key);
        var read = store.ReadStreamAsync("s-slow").ToListAsync().AsTask();
        var head = store.ReadHeadAsync();
        await Task.Delay(Moment);
        Assert.All(new Task[] { append, retried, read, head }, t => Assert.False(t.IsCompleted));

        disk.Release();
        Assert.Equal(1, (await append.WaitAsync(Patience)).NextExpectedVersion);
        Assert.Equal("receipt", (await retried.WaitAsync(Patience))!.Result.Response);
        Assert.Single(await read.WaitAsync(Patience));
        Assert.Equal(1, (await head.WaitAsync(Patience)).Events);
    }

    [Fact]
    public async Task While_one_batch_waits_for_the_disk_the_writer_commits_the_next()
    {
        using var disk = new SlowDisk();
        var path = factory.NewFilePath();
        using var store = await OpenAsync(path, disk);
        disk.Hold();

        // One more than a batch holds, queued behind a held writer: two batches, the second queued while the first commits.
        Task<AppendResult>[] appends;
        await using (await store.BeginReadModelTransactionAsync())
        {
            appends = Enumerable.Range(1, SqliteCommitQueue.MaxBatch + 1)
                .Select(i => store.AppendAsync($"s-{i}", ExpectedVersion.NoStream, [Event($"e{i}")]))
                .ToArray();
        }

        Assert.True(disk.Syncing.Wait(Patience));
        using (var raw = OpenRaw(path))
        {
            var deadline = DateTime.UtcNow + Patience;
            while ((long)Scalar(raw, "SELECT COUNT(*) FROM events")! < appends.Length && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            Assert.Equal((long)appends.Length, Scalar(raw, "SELECT COUNT(*) FROM events"));
        }

        Assert.All(appends, a => Assert.False(a.IsCompleted));
        disk.Release();
        await Task.WhenAll(appends).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_failed_sync_fails_the_appends_it_was_to_make_durable_and_every_later_one_and_the_reads()
    {
        using var disk = new SlowDisk();
        using var store = await OpenAsync(factory.NewFilePath(), disk);
        await store.AppendAsync("s-before", ExpectedVersion.NoStream, [Event("before")]);

        disk.Fail();
        var failed = await Assert.ThrowsAsync<IOException>(() => store.AppendAsync("s-lost", ExpectedVersion.NoStream, [Event("lost")]));
        Assert.Contains("restart", failed.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(failed.InnerException);

        // The kernel may have dropped the pages that failed: a later sync that succeeds would prove nothing about them.
        disk.Heal();
        await Assert.ThrowsAsync<IOException>(() => store.AppendAsync("s-after", ExpectedVersion.NoStream, [Event("after")]));
        await Assert.ThrowsAsync<IOException>(() => store.ReadStreamAsync("s-before").ToListAsync().AsTask());
    }

    private static async Task<SqliteEventStore> OpenAsync(string path, SlowDisk disk)
    {
        var store = new SqliteEventStore(new SqliteEventStoreSettings(path) { BeforeWalSync = disk.BeforeSync });
        await store.InitializeAsync();
        return store;
    }

    /// <summary>Stands in for the disk under the log: syncs pass until it is held (they wait) or failed (they throw).</summary>
    private sealed class SlowDisk : IDisposable
    {
        private readonly ManualResetEventSlim _released = new(true);
        private volatile bool _failing;

        /// <summary>Set once a sync has started and is being held.</summary>
        public ManualResetEventSlim Syncing { get; } = new(false);

        public void Hold() => _released.Reset();

        public void Release() => _released.Set();

        public void Fail() => _failing = true;

        public void Heal() => _failing = false;

        public void BeforeSync()
        {
            if (_failing)
            {
                throw new IOException("EIO (simulated)");
            }

            if (!_released.IsSet)
            {
                Syncing.Set();
                _released.Wait(Patience);
            }
        }

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
            Syncing.Dispose();
        }
    }
}
