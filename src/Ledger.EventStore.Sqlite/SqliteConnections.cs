using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>Opens connections to one ledger file with the settings every connection needs.</summary>
internal sealed class SqliteConnections
{
    private static readonly Lazy<bool> NativeLibrary = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly int _busyTimeoutMs;

    public SqliteConnections(SqliteEventStoreSettings settings)
    {
        _ = NativeLibrary.Value;
        FilePath = Path.GetFullPath(settings.FilePath);
        _busyTimeoutMs = (int)Math.Clamp(settings.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds),
        }.ToString();
        QueryConnectionString = new SqliteConnectionStringBuilder(ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
    }

    /// <summary>The database file's full path, for messages.</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Read-only connections, pooled apart from the others: a read model's queries cannot write by mistake.</summary>
    public string QueryConnectionString { get; }

    /// <summary>
    /// The writer's page cache, in KiB (SQLite's own default is 2,000): enough for the index pages a counter
    /// touches (passbooks, idempotency keys, event ids), and no more. In SQLite 3.49 (not 3.35) a B-tree split parks
    /// a page at the lock-byte page number (262,145 with 4 KiB pages) for a moment, and the COMMIT after it then walks
    /// the whole page cache to drop pages past the end of the file: with 64 MB cached that walk took about 1 ms, under
    /// the writer lock, after one commit in eight (benchmarks/results/20261207T1400-sqlite-writer-cache.md).
    /// </summary>
    public const int WriterCacheKib = 8_192;

    /// <summary>A reader's connection: WAL lets it read a consistent snapshot while the writer writes.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>A read-only connection for a read model's queries.</summary>
    public SqliteConnection OpenQuery()
    {
        var connection = new SqliteConnection(QueryConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// The writer's connection. synchronous=NORMAL: a COMMIT writes its log frames without waiting for the disk, and
    /// <see cref="SqliteWalSync"/> syncs them before any append they hold is acknowledged, so an acknowledged append
    /// still survives power loss while the writer goes on writing. Its page cache (<see cref="WriterCacheKib"/>)
    /// survives its own commits; the savepoint each append runs in keeps its undo pages in memory instead of a
    /// temporary file opened, written and unlinked per group commit. It never checkpoints:
    /// <see cref="SqliteWalCheckpointer"/> does, off the commit path.
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{WriterCacheKib}; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;");
        return connection;
    }

    /// <summary>Closes the pooled connections so the file is released when the store is disposed.</summary>
    public void ClearPool()
    {
        foreach (var connectionString in new[] { ConnectionString, QueryConnectionString })
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
