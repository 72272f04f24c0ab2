using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Npgsql;

namespace Ledger.Testing;

/// <summary>
/// Makes PostgreSQL stores for tests, each in a database of its own on the shared <see cref="PostgresServer"/>,
/// so tests running in parallel never see each other's events. On the throwaway server the databases go with the
/// server; on a server lent through <c>LEDGER_TEST_POSTGRES</c>, the fixture drops the ones it made when it ends.
/// </summary>
public sealed class PostgresEventStoreFactory : IEventStoreFactory, IDisposable
{
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static int _databases;
    private readonly List<PostgresEventStore> _stores = [];
    private readonly List<string> _createdOnExternalServer = [];

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.Postgres;

    /// <inheritdoc />
    public async Task<ILedgerStore> CreateStoreAsync(EventStoreOptions? options = null) =>
        await CreatePostgresStoreAsync(options);

    /// <summary>A new initialised store in a new database, typed for PostgreSQL-only tests.</summary>
    public async Task<PostgresEventStore> CreatePostgresStoreAsync(EventStoreOptions? options = null)
    {
        var store = new PostgresEventStore(new PostgresEventStoreSettings(await CreateDatabaseAsync()), options);
        lock (_stores)
        {
            _stores.Add(store);
        }

        await store.InitializeAsync();
        return store;
    }

    /// <summary>Closes the connection pools of every store this factory made, and drops its databases on a lent server.</summary>
    public void Dispose()
    {
        lock (_stores)
        {
            _stores.ForEach(s => s.Dispose());
            _stores.Clear();
        }

        DropExternalDatabases();
    }

    /// <summary>Creates an empty database (no ledger schema yet) and returns a superuser connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = await PostgresServer.GetAsync();
        var name = $"ledger_test_{RunId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        if (server.IsExternal)
        {
            lock (_createdOnExternalServer)
            {
                _createdOnExternalServer.Add(name);
            }
        }

        // Tests make many stores that live until their fixture ends: let idle connections go quickly.
        return new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(name))
        {
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
    }

    private void DropExternalDatabases()
    {
        string[] names;
        lock (_createdOnExternalServer)
        {
            names = [.. _createdOnExternalServer];
            _createdOnExternalServer.Clear();
        }

        if (names.Length == 0)
        {
            return;
        }

        var server = PostgresServer.GetAsync().GetAwaiter().GetResult();
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        foreach (var name in names)
        {
            // FORCE ends connections a test left open (a pooled one of a store the test made itself).
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }
}
