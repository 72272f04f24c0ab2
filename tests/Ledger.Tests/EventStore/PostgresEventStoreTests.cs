using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Npgsql;

namespace Ledger.Tests.EventStore;

/// <summary>What only the PostgreSQL store guards: opening, migrating, refusing, and hashing inside the database.</summary>
public sealed class PostgresEventStoreTests(PostgresEventStoreFactory factory) : IClassFixture<PostgresEventStoreFactory>
{
    [Fact]
    public async Task An_unreachable_server_makes_initialize_and_append_throw_EventStoreUnavailableException()
    {
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = ClosedPort(), Username = "postgres", Database = "ledger", Timeout = 3,
        }.ConnectionString;
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));

        var init = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.InitializeAsync());
        var append = await Assert.ThrowsAsync<EventStoreUnavailableException>(
            () => store.AppendAsync("s-1", ExpectedVersion.Any, [Event()]));

        Assert.Contains("127.0.0.1", init.Message);
        Assert.Contains("unavailable", init.Message);
        Assert.IsAssignableFrom<NpgsqlException>(append.InnerException);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_unavailable_not_a_raw_PostgresException()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await factory.CreateDatabaseAsync()) { Database = "no_such_ledger" };
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString.ConnectionString));

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.InitializeAsync());

        Assert.Contains("no_such_ledger", ex.Message);
    }

    [Fact]
    public async Task A_schema_written_by_a_newer_build_is_refused_with_a_clear_message()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await using (var first = new PostgresEventStore(new PostgresEventStoreSettings(connectionString)))
        {
            await first.InitializeAsync();
        }

        await ExecuteAsync(connectionString, $"INSERT INTO ledger.schema_version (version, script) VALUES ({PostgresEventStore.SchemaVersion + 1}, 'from_the_future')");
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.InitializeAsync());

        Assert.Contains("newer", ex.Message);
        Assert.Contains($"version {PostgresEventStore.SchemaVersion + 1}", ex.Message);
    }

    [Fact]
    public async Task A_foreign_ledger_schema_is_refused_and_left_untouched()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        await ExecuteAsync(connectionString, "CREATE SCHEMA ledger; CREATE TABLE ledger.events (id int)");
        await using var store = new PostgresEventStore(new PostgresEventStoreSettings(connectionString));

        var ex = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => store.InitializeAsync());

        Assert.Contains("not a ledger event store", ex.Message);
        Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM pg_tables WHERE schemaname = 'ledger' AND tablename <> 'events'"));
    }

    [Fact]
    public async Task Stores_initialising_one_database_at_once_apply_each_script_exactly_once()
    {
        var connectionString = await factory.CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresEventStore(new PostgresEventStoreSettings(connectionString))).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync())));
        await stores[0].InitializeAsync();

        Assert.Equal((long)PostgresEventStore.SchemaVersion, await ScalarAsync(connectionString, "SELECT count(*) FROM ledger.schema_version"));
        await stores[3].AppendAsync("s-1", ExpectedVersion.NoStream, [Event()]);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Hashes_computed_in_the_database_match_EventHasher_for_Chinese_emoji_and_odd_white_space()
    {
        var store = await factory.CreatePostgresStoreAsync(new EventStoreOptions { Clock = new FixedClock(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7)) });
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

    internal static NewEvent Event(string note = "note") =>
        new(Guid.NewGuid(), "ContractTested.v1", JsonSerializer.Serialize(new { note }), new EventMetadata("key:test"));

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static Task<long> ScalarAsync(string connectionString, string sql) => ScalarAsync<long>(connectionString, sql);

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
