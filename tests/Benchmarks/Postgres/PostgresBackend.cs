using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Ledger.Testing;
using Npgsql;

namespace Ledger.Benchmarks.Postgres;

/// <summary>
/// PostgreSQL: the server named by LEDGER_BENCH_POSTGRES, or a throwaway one. Every store and the pgbench
/// yardstick get scratch databases of their own on that one server, all dropped at the end.
/// </summary>
public sealed class PostgresBackend : IBenchBackend
{
    private readonly string _admin;
    private readonly bool _external;
    private readonly string _prefix = "ledger_bench_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _databases = [];
    private readonly Dictionary<ILedgerStore, string> _stores = [];
    private string? _raw;

    private PostgresBackend(string admin, bool external) => (_admin, _external) = (admin, external);

    public string Name => "postgres";

    public static async Task<PostgresBackend> CreateAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is { Length: > 0 } given)
        {
            return new PostgresBackend(given, external: true);
        }

        // The tests' throwaway server: PostgreSQL's durable defaults, stopped and deleted when the process exits.
        cancellationToken.ThrowIfCancellationRequested();
        var server = await PostgresServer.GetAsync();
        return new PostgresBackend(server.ConnectionString, server.IsExternal);
    }

    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var description = await PostgresRaw.DescribeServerAsync(_admin, cancellationToken);
        var durable = await PostgresRaw.IsDurableAsync(_admin, cancellationToken);
        return (_external ? "server lent by the environment, " : "throwaway server on 127.0.0.1 (tests' PostgresServer), ") + description +
               (durable ? "" : " — **NOT durable: figures are not comparable with the targets**");
    }

    public async Task<ILedgerStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var connectionString = await NewDatabaseAsync(cancellationToken);
        var store = StoreFactory(connectionString);
        await store.InitializeAsync(cancellationToken);
        _stores[store] = connectionString;
        return store;
    }

    public async Task<IAppendWorkload> OpenRawAppendAsync(int writers, BenchOptions options, CancellationToken cancellationToken)
    {
        _raw ??= await NewDatabaseAsync(cancellationToken);
        await PostgresRaw.ResetRawTablesAsync(_raw, cancellationToken);
        return new PgBenchWorkload(_raw, writers, options.Households);
    }

    public Task<long> RawReadAllAsync(ILedgerStore store, CancellationToken cancellationToken) =>
        PostgresRaw.CopyOutAsync(_stores[store], EventsTable, PositionColumn, cancellationToken);

    public async Task DropStoreAsync(ILedgerStore store)
    {
        if (_stores.Remove(store, out var connectionString))
        {
            await ((IAsyncDisposable)store).DisposeAsync();
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            await PostgresRaw.DropDatabaseAsync(_admin, name);
            _databases.Remove(name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.Keys.ToList())
        {
            await DropStoreAsync(store);
        }

        foreach (var database in _databases)
        {
            await PostgresRaw.DropDatabaseAsync(_admin, database);
        }
    }

    private async Task<string> NewDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"{_prefix}_{_databases.Count + 1}";
        var connectionString = await PostgresRaw.CreateDatabaseAsync(_admin, name, cancellationToken);
        _databases.Add(name);
        return connectionString;
    }

    private static ILedgerStore StoreFactory(string connectionString) =>
        new PostgresEventStore(new PostgresEventStoreSettings(connectionString));

    private const string EventsTable = "ledger.events";
    private const string PositionColumn = "position";
}
