namespace Ledger.EventStore.Sqlite;

/// <summary>Where the embedded store keeps its file and how long it waits for another process holding it.</summary>
/// <param name="FilePath">The database file; its folder is created when missing.</param>
public sealed record SqliteEventStoreSettings(string FilePath = SqliteEventStoreSettings.DefaultFilePath)
{
    /// <summary>The file the API uses unless configured otherwise.</summary>
    public const string DefaultFilePath = "data/ledger.db";

    /// <summary>
    /// How long a statement waits for another process's lock before failing. Inside one process writers
    /// queue on a lock of their own and never wait here.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>For tests: runs before each sync of the write-ahead log, and may block (a slow disk) or throw (a failed one).</summary>
    internal Action? BeforeWalSync { get; init; }
}
