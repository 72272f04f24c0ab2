using Ledger.EventStore;
using Ledger.EventStore.Sqlite;

namespace Ledger.Benchmarks.Sqlite;

/// <summary>The embedded store, each database a file in a scratch folder that is deleted at the end.</summary>
public sealed class SqliteBackend : IBenchBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<ILedgerStore, string> _files = [];

    private SqliteBackend() => Directory.CreateDirectory(_folder);

    public string Name => "sqlite";

    public static SqliteBackend Create()
    {
        SQLitePCL.Batteries_V2.Init();
        return new SqliteBackend();
    }

    public Task<string> DescribeAsync(CancellationToken cancellationToken) =>
        Task.FromResult($"SQLite {SQLitePCL.raw.sqlite3_libversion().utf8_to_string()}, WAL; raw loops synchronous=FULL, the store synchronous=NORMAL with its own log fsync before every answer; files in {Path.GetTempPath()}");

    public async Task<ILedgerStore> CreateStoreAsync(CancellationToken cancellationToken)
    {
        var path = NewFile("store");
        var store = StoreFactory(path);
        await store.InitializeAsync(cancellationToken);
        _files[store] = path;
        return store;
    }

    public Task<IAppendWorkload> OpenRawAppendAsync(int writers, BenchOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<IAppendWorkload>(new SqliteRawWorkload(SqliteRawAppend.Create(NewFile("raw")), writers, options.Households));

    public Task<IAppendWorkload?> OpenAppendExperimentAsync(int writers, BenchOptions options, CancellationToken cancellationToken) =>
        Task.FromResult<IAppendWorkload?>(new SqliteGroupCommitRaw(NewFile("group"), writers, options.Households));

    public Task<long> RawReadAllAsync(ILedgerStore store, CancellationToken cancellationToken) =>
        Task.Run(() => SqliteRawRead.ReadAll(_files[store], EventsTable, PositionColumn), cancellationToken);

    public async Task DropStoreAsync(ILedgerStore store)
    {
        if (_files.Remove(store, out var path))
        {
            await ((IAsyncDisposable)store).DisposeAsync();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _files.Keys.ToList())
        {
            await DropStoreAsync(store);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string NewFile(string kind) => Path.Combine(_folder, $"{kind}-{Guid.NewGuid():N}.db");

    private static ILedgerStore StoreFactory(string path) => new SqliteEventStore(new SqliteEventStoreSettings(path));

    private const string EventsTable = "events";
    private const string PositionColumn = "position";
}
