using Ledger.EventStore;
using Npgsql;

namespace Ledger.Benchmarks.Postgres;

/// <summary>
/// PostgreSQL: the server named by LEDGER_BENCH_POSTGRES, or a throwaway one. Every store and the pgbench
/// yardstick get scratch databases of their own on that one server, all dropped at the end.
/// </summary>
public sealed class PostgresBackend : IBenchBackend
{
    private readonly string _admin;
    private readonly IAsyncDisposable? _server;
    private readonly string _prefix = "ledger_bench_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _databases = [];
    private readonly Dictionary<IEventStore, string> _stores = [];
    private string? _raw;

    private PostgresBackend(string admin, IAsyncDisposable? server) => (_admin, _server) = (admin, server);

    public string Name => "postgres";

    public static async Task<PostgresBackend> CreateAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("LEDGER_BENCH_POSTGRES") is { Length: > 0 } given)
        {
            return new PostgresBackend(given, null);
        }

        await Task.CompletedTask;
        throw new NotSupportedException("Set LEDGER_BENCH_POSTGRES until PostgresServer is merged.");
    }

    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var description = await PostgresRaw.DescribeServerAsync(_admin, cancellationToken);
        var durable = await PostgresRaw.IsDurableAsync(_admin, cancellationToken);
        return (_server is null ? "server from LEDGER_BENCH_POSTGRES, " : "throwaway server on 127.0.0.1, ") + description +
               (durable ? "" : " — **NOT durable: figures are not comparable with the targets**");
    }

    public async Task<IEventStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var connectionString = await NewDatabaseAsync(cancellationToken);
        var store = StoreFactory(connectionString);
        await store.InitializeAsync(cancellationToken);
        _stores[store] = connectionString;
        return store;
    }

    public async Task<LoopResult> RawAppendAsync(int writers, BenchOptions options, CancellationToken cancellationToken)
    {
        _raw ??= await NewDatabaseAsync(cancellationToken);
        await PostgresRaw.ResetRawTablesAsync(_raw, cancellationToken);
        // pgbench has no warm-up of its own: give it the same one as the store, then the timed window.
        await PgBench.RunAsync(_raw, writers, (int)Math.Ceiling(options.Warmup.TotalSeconds), options.Households, cancellationToken);
        return await PgBench.RunAsync(_raw, writers, options.Seconds, options.Households, cancellationToken);
    }

    public Task<long> RawReadAllAsync(IEventStore store, CancellationToken cancellationToken) =>
        PostgresRaw.CopyOutAsync(_stores[store], EventsTable, PositionColumn, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.Keys.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }

        foreach (var database in _databases)
        {
            await PostgresRaw.DropDatabaseAsync(_admin, database);
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<string> NewDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"{_prefix}_{_databases.Count + 1}";
        var connectionString = await PostgresRaw.CreateDatabaseAsync(_admin, name, cancellationToken);
        _databases.Add(name);
        return connectionString;
    }

    // Wired to the store once feat/postgres is merged.
    private static Func<string, IEventStore> StoreFactory => _ => throw new NotSupportedException("PostgresEventStore is not merged yet.");

    private const string EventsTable = "events";
    private const string PositionColumn = "position";
}
