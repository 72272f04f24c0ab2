using Ledger.EventStore;
using Ledger.EventStore.Sqlite;

namespace Ledger.Benchmarks.Sqlite;

/// <summary>The embedded store, each database a file in a scratch folder that is deleted at the end.</summary>
public sealed class SqliteBackend : IBenchBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<IEventStore, string> _files = [];

    private SqliteBackend() => Directory.CreateDirectory(_folder);

    public string Name => "sqlite";

    public static SqliteBackend Create()
    {
        SQLitePCL.Batteries_V2.Init();
        return new SqliteBackend();
    }

    public Task<string> DescribeAsync(CancellationToken cancellationToken) =>
        Task.FromResult($"SQLite {SQLitePCL.raw.sqlite3_libversion().utf8_to_string()}, WAL, synchronous=FULL, files in {Path.GetTempPath()}");

    public async Task<IEventStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var path = NewFile("store");
        var store = StoreFactory(path);
        await store.InitializeAsync(cancellationToken);
        _files[store] = path;
        return store;
    }

    public async Task<LoopResult> RawAppendAsync(int writers, BenchOptions options, CancellationToken cancellationToken)
    {
        using var raw = SqliteRawAppend.Create(NewFile("raw"));
        return await ClosedLoop.RunAsync(writers, options.Warmup, TimeSpan.FromSeconds(options.Seconds), writer =>
        {
            var households = Workload.HouseholdsOf(writer, writers, options.Households);
            var random = new Random(writer);
            return ct => raw.AppendAsync(households[random.Next(households.Length)], ct);
        }, cancellationToken);
    }

    public Task<long> RawReadAllAsync(IEventStore store, CancellationToken cancellationToken) =>
        Task.Run(() => SqliteRawRead.ReadAll(_files[store], EventsTable, PositionColumn), cancellationToken);

    public ValueTask DisposeAsync()
    {
        foreach (var store in _files.Keys.OfType<IAsyncDisposable>())
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string NewFile(string kind) => Path.Combine(_folder, $"{kind}-{Guid.NewGuid():N}.db");

    private static IEventStore StoreFactory(string path) => new SqliteEventStore(new SqliteEventStoreSettings(path));

    private const string EventsTable = "events";
    private const string PositionColumn = "position";
}
