using Microsoft.Extensions.Time.Testing;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Npgsql;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.EventStore;

/// <summary>What only the PostgreSQL store guards once open: hashing in the database, append-only tables, locks, ids.</summary>
public sealed class PostgresEventStoreTests(PostgresEventStoreFactory factory) : IClassFixture<PostgresEventStoreFactory>
{
    [Fact]
    public async Task Hashes_computed_in_the_database_match_EventHasher_for_Chinese_emoji_and_odd_white_space()
    {
        var store = await factory.CreatePostgresStoreAsync(new EventStoreOptions { Clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7)) });
        string[] data =
        [
            """{"name":"张三家","gift":"🍵茶具"}""",
            "{ \"a\" :\t1,\r\n  \"b\": [ ] }",
            """{"escaped":"\u00e9\"\\/","big":12345678901234567890}""",
        ];
        var events = data.Select(d => new NewEvent(Guid.NewGuid(), "PointsAwarded.v1", d, new EventMetadata("key:管理员", "关联"))).ToArray();

        await store.AppendAsync("household-粮油-01", ExpectedVersion.NoStream, events);

        var previous = EventHasher.GenesisHash;
        foreach (var e in await store.ReadStreamToListAsync("household-粮油-01"))
        {
            Assert.Equal(EventHasher.Compute(previous, e), e.Hash);
            previous = e.Hash;
        }
    }

    [Fact]
    public async Task Events_and_idempotency_keys_refuse_update_delete_and_truncate_even_for_their_owner()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));
        await store.InitializeAsync();
        await store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event()], new IdempotencyKey("k", "h"));

        foreach (var sql in new[]
                 {
                     "UPDATE ledger.events SET type = 'Forged.v1'", "DELETE FROM ledger.events", "TRUNCATE ledger.events",
                     "UPDATE ledger.idempotency_keys SET response = 'x'", "DELETE FROM ledger.idempotency_keys",
                 })
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connectionString, sql));
            Assert.Contains("append-only", ex.MessageText);
        }

        Assert.Equal("ContractTested.v1", Assert.Single(await store.ReadStreamToListAsync("s-1")).Type);
    }

    [Fact]
    public async Task Data_is_stored_as_json_text_exactly_not_as_jsonb()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));
        await store.InitializeAsync();
        const string data = """{"z":1,  "a":2}""";

        await store.AppendAsync("s-1", ExpectedVersion.NoStream, [Event() with { Data = data }]);

        Assert.Equal(data, await ScalarAsync<string>(connectionString, "SELECT data::text FROM ledger.events"));
        Assert.Equal("json", await ScalarAsync<string>(connectionString, "SELECT pg_typeof(data)::text FROM ledger.events"));
    }

    [Fact]
    public async Task Concurrent_multi_stream_appends_naming_streams_in_opposite_orders_never_deadlock()
    {
        var store = await factory.CreatePostgresStoreAsync();
        const int writers = 8;
        const int rounds = 15;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < rounds; i++)
            {
                string[] streams = w % 2 == 0 ? ["s-b", "s-a", "s-c"] : ["s-c", "s-a", "s-b"];
                await store.AppendAsync([.. streams.Select(id => new StreamAppend(id, ExpectedVersion.Any, [Event($"{w}-{i}")]))]);
            }
        })));

        foreach (var stream in new[] { "s-a", "s-b", "s-c" })
        {
            var events = await store.ReadStreamToListAsync(stream);
            Assert.Equal(Enumerable.Range(1, writers * rounds).Select(v => (long)v), events.Select(e => e.StreamVersion));
        }
    }

    [Fact]
    public async Task Concurrent_single_event_appends_with_any_version_to_a_new_stream_all_land_in_order()
    {
        var store = await factory.CreatePostgresStoreAsync();
        using var start = new ManualResetEventSlim();
        var appends = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await store.AppendAsync("s-new", ExpectedVersion.Any, [Event($"n{i}")]);
        })).ToArray();
        start.Set();

        var results = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(1, 16).Select(v => (long)v), results.Select(r => r.NextExpectedVersion).Order());
        var previous = EventHasher.GenesisHash;
        foreach (var e in await store.ReadStreamToListAsync("s-new"))
        {
            Assert.Equal(EventHasher.Compute(previous, e), e.Hash);
            previous = e.Hash;
        }
    }

    [Theory]
    [InlineData(1)] // ledger.append_event
    [InlineData(2)] // ledger.append_events
    public async Task An_append_with_a_stored_response_is_heard_written_before_its_COMMIT_and_the_next_one_decided_then_waits_and_lands_after_it(int events)
    {
        var connectionString = await factory.CreateDatabaseAsync();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holds = 0;
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString), new EventStoreOptions
        {
            BeforeCommit = async (_, ct) =>
            {
                if (Interlocked.Increment(ref holds) == 2)
                {
                    held.SetResult();
                    await release.Task.WaitAsync(ct);
                }
            },
        });
        await store.InitializeAsync();
        // An item on the shelf: its row exists, so the next append finds it locked and waits. (The row of a stream the
        // first append creates is not there to wait on: an append decided on it before that COMMIT loses its version race.)
        await store.AppendAsync([new StreamAppend("s-item", ExpectedVersion.NoStream, Events(events, "stocked"))], Key("k-stocked"), CancellationToken.None);
        long? committedWhenHeard = null;
        Task<AppendResult>? next = null;

        // As at the counter: the next sale of an item is decided once the sale before it is written, while it commits.
        var first = Task.Run(() => store.AppendAsync(
            [new StreamAppend("s-item", ExpectedVersion.Exactly(events), Events(events, "first"))], Key("k-first"),
            _ =>
            {
                using var reader = new NpgsqlConnection(connectionString);
                reader.Open();
                committedWhenHeard = (long)new NpgsqlCommand("SELECT count(*) FROM ledger.events", reader).ExecuteScalar()!;
                next = Task.Run(() => store.AppendAsync(
                    [new StreamAppend("s-item", ExpectedVersion.Exactly(2 * events), Events(events, "next"))], Key("k-next"), CancellationToken.None));
            },
            CancellationToken.None));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Held before its COMMIT: the next append must be waiting on the stream's row, not refused for its version.
        await Task.WhenAny(next!, Task.Delay(500));
        var nextWhileHeld = next!.Status;
        release.SetResult();

        Assert.Equal((long)events, committedWhenHeard);
        Assert.False(nextWhileHeld is TaskStatus.RanToCompletion or TaskStatus.Faulted, $"The next append ended ({nextWhileHeld}) while the first was held.");
        Assert.Equal(2 * events, (await first.WaitAsync(TimeSpan.FromSeconds(30))).NextExpectedVersion);
        Assert.Equal(3 * events, (await next.WaitAsync(TimeSpan.FromSeconds(30))).NextExpectedVersion);
        Assert.Equal(
            [.. Events(events, "stocked").Concat(Events(events, "first")).Concat(Events(events, "next")).Select(e => Note(e.Data))],
            (await store.ReadStreamToListAsync("s-item")).Select(e => Note(e.Data)));
    }

    [Fact]
    public async Task An_append_heard_written_whose_COMMIT_then_fails_fails_and_leaves_nothing_behind()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using var store = new PostgresEventStore(
            new PostgresEventStoreSettings(connectionString),
            new EventStoreOptions { BeforeCommit = (_, _) => Task.FromException(new InvalidOperationException("the disk is full")) });
        await store.InitializeAsync();
        var heard = 0;

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(
            [new StreamAppend("s-doomed", ExpectedVersion.NoStream, [Event()])], Key("k-doomed"), _ => heard++, CancellationToken.None));

        Assert.Equal("the disk is full", failed.Message);
        Assert.Equal(1, heard);
        Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM ledger.events"));
        Assert.Null(await store.FindIdempotencyKeyAsync("k-doomed"));
    }

    [Fact]
    public async Task An_event_id_appended_a_second_time_is_refused_with_ArgumentException_and_appends_nothing()
    {
        var store = await factory.CreatePostgresStoreAsync();
        var first = Event("first");
        await store.AppendAsync("s-1", ExpectedVersion.NoStream, [first]);

        var again = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("s-2", ExpectedVersion.NoStream, [first]));
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("s-3", ExpectedVersion.NoStream, [Event(), first with { EventId = Guid.Empty }, first with { EventId = Guid.Empty }]));

        Assert.Contains(first.EventId.ToString(), again.Message);
        Assert.Contains("twice", twice.Message);
        Assert.Equal(1, (await store.ReadHeadAsync()).Events);
        Assert.Empty(await store.ReadStreamToListAsync("s-2"));
    }

    [Fact]
    public async Task A_reader_that_stops_early_returns_its_connections_to_the_pool()
    {
        // Two connections at most: a page prefetched for an abandoned read that kept its connection would
        // starve the next read within a few rounds.
        var connectionString = new NpgsqlConnectionStringBuilder(await factory.CreateDatabaseAsync()) { MaxPoolSize = 2, Timeout = 5 };
        await using var store = new PostgresEventStore(
            new PostgresEventStoreSettings(connectionString.ConnectionString), new EventStoreOptions { ReadBatchSize = 2 });
        await store.InitializeAsync();
        await store.AppendAsync("s-1", ExpectedVersion.NoStream, Enumerable.Range(0, 9).Select(i => Event($"n{i}")).ToArray());

        for (var round = 0; round < 10; round++)
        {
            var read = 0;
            await foreach (var _ in store.ReadAllAsync())
            {
                if (++read == 3)
                {
                    break;
                }
            }

            Assert.Equal(3, read);
        }

        Assert.Equal(9, (await store.ReadStreamToListAsync("s-1")).Count);
    }

}
