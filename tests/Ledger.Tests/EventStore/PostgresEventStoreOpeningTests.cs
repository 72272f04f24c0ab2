using System.Net;
using System.Net.Sockets;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Npgsql;
using static Ledger.Tests.EventStore.PostgresTestSql;

namespace Ledger.Tests.EventStore;

/// <summary>Opening a PostgreSQL store: creating and migrating the schema once, refusing what it cannot use.</summary>
public sealed class PostgresEventStoreOpeningTests(PostgresEventStoreFactory factory) : IClassFixture<PostgresEventStoreFactory>
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

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
