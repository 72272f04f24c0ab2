using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Sqlite;

/// <summary>
/// The SQLite append yardstick: what Microsoft.Data.Sqlite does with the bare minimum of the store's work.
/// WAL, synchronous=FULL (the store's durability) and checkpoints off the commit path (the store's policy,
/// <see cref="RawWalCheckpoints"/>), one transaction per event: upsert the stream row and insert
/// the event, with prepared commands. SQLite has one writer, so N writers share one connection under a lock,
/// exactly as N concurrent requests would share the database file.
/// </summary>
public sealed class SqliteRawAppend : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _insert;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly RawWalCheckpoints _checkpoints;

    private SqliteRawAppend(SqliteConnection connection)
    {
        _connection = connection;
        _checkpoints = RawWalCheckpoints.Start(connection);
        _upsert = connection.CreateCommand();
        _upsert.CommandText = """
            INSERT INTO streams (id, version) VALUES ($id, 1)
            ON CONFLICT (id) DO UPDATE SET version = version + 1
            RETURNING version
            """;
        _upsert.Parameters.Add("$id", SqliteType.Text);
        _upsert.Prepare();
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO events (stream_id, version, type, data) VALUES ($id, $version, $type, $data)";
        _insert.Parameters.Add("$id", SqliteType.Text);
        _insert.Parameters.Add("$version", SqliteType.Integer);
        _insert.Parameters.Add("$type", SqliteType.Text);
        _insert.Parameters.Add("$data", SqliteType.Text);
        _insert.Prepare();
    }

    /// <summary>Creates the raw tables in a new database file at <paramref name="path"/>.</summary>
    public static SqliteRawAppend Create(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var ddl = connection.CreateCommand();
        ddl.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE streams (id TEXT PRIMARY KEY, version INTEGER NOT NULL);
            CREATE TABLE events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                stream_id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
                UNIQUE (stream_id, version));
            """;
        ddl.ExecuteNonQuery();
        return new SqliteRawAppend(connection);
    }

    /// <summary>One transaction: upsert the stream row, insert one event.</summary>
    public async Task AppendAsync(int household, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            AppendBatch([household]);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>One transaction holding one award per household given (one, except for the group-commit experiment).</summary>
    public void AppendBatch(IEnumerable<int> households)
    {
        using var transaction = _connection.BeginTransaction();
        _upsert.Transaction = transaction;
        _insert.Transaction = transaction;
        foreach (var household in households)
        {
            var streamId = Workload.StreamOf(household);
            _upsert.Parameters[0].Value = streamId;
            var version = (long)_upsert.ExecuteScalar()!;
            _insert.Parameters[0].Value = streamId;
            _insert.Parameters[1].Value = version;
            _insert.Parameters[2].Value = Workload.EventType;
            _insert.Parameters[3].Value = Workload.Payload(household);
            _insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        _checkpoints.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _upsert.Dispose();
        _insert.Dispose();
        _connection.Dispose();
        _writeLock.Dispose();
    }
}
