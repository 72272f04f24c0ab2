using Ledger.EventStore;
using Ledger.EventStore.Sqlite;

namespace Ledger.Testing;

/// <summary>Makes SQLite stores for tests, each on a fresh file in a temporary folder removed when the fixture goes.</summary>
public sealed class SqliteEventStoreFactory : IEventStoreFactory, IDisposable
{
    private readonly List<SqliteEventStore> _stores = [];
    private int _count;

    /// <summary>The temporary folder holding every store's file.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ledger-tests", Guid.NewGuid().ToString("N"));

    public SqlDialect Dialect => SqlDialect.Sqlite;

    /// <summary>A path for a new ledger file in <see cref="Folder"/> (not yet created).</summary>
    public string NewFilePath() => Path.Combine(Folder, $"ledger-{Interlocked.Increment(ref _count)}.db");

    public async Task<ILedgerStore> CreateStoreAsync(EventStoreOptions? options = null) =>
        await OpenStoreAsync(NewFilePath(), options);

    /// <summary>Opens (and initialises) a store on <paramref name="filePath"/>, disposed with this factory.</summary>
    public async Task<SqliteEventStore> OpenStoreAsync(string filePath, EventStoreOptions? options = null)
    {
        var store = new SqliteEventStore(new SqliteEventStoreSettings(filePath), options);
        lock (_stores)
        {
            _stores.Add(store);
        }

        await store.InitializeAsync();
        return store;
    }

    public void Dispose()
    {
        lock (_stores)
        {
            _stores.ForEach(s => s.Dispose());
            _stores.Clear();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
