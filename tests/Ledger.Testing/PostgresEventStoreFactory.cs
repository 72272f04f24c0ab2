using System.Collections.Concurrent;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Npgsql;

namespace Ledger.Testing;

/// <summary>
/// Makes PostgreSQL stores for tests, each in a database of its own on the shared <see cref="PostgresServer"/>,
/// so tests running in parallel never see each other's events.
/// </summary>
public sealed class PostgresEventStoreFactory : IEventStoreFactory, IDisposable
{
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static readonly ConcurrentBag<string> CreatedOnExternalServer = [];
    private static int _databases;
    private readonly List<PostgresEventStore> _stores = [];

    static PostgresEventStoreFactory() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropExternalDatabases();

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.Postgres;

    /// <inheritdoc />
    public async Task<IEventStore> CreateStoreAsync(EventStoreOptions? options = null) =>
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

    /// <summary>Closes the connection pools of every store this factory made.</summary>
    public void Dispose()
    {
        lock (_stores)
        {
            _stores.ForEach(s => s.Dispose());
            _stores.Clear();
        }
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
            CreatedOnExternalServer.Add(name);
        }

        // Tests make many stores that live until their fixture ends: let idle connections go quickly.
        return new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(name))
        {
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
    }

    /// <summary>A throwaway cluster is deleted whole; on a server we were lent, we remove what we made.</summary>
    private static void DropExternalDatabases()
    {
        if (CreatedOnExternalServer.IsEmpty)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            var server = PostgresServer.GetAsync().GetAwaiter().GetResult();
            using var connection = new NpgsqlConnection(server.ConnectionString);
            connection.Open();
            foreach (var name in CreatedOnExternalServer)
            {
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                drop.ExecuteNonQuery();
            }
        }
        catch (NpgsqlException)
        {
            // Best effort at exit: the names carry the run id, so leftovers are easy to find and drop.
        }
    }
}
