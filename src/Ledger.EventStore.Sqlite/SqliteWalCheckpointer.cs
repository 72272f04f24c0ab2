using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection and a thread of its own, so the writer's
/// COMMIT never does. SQLite's automatic checkpoint runs inside whichever COMMIT crosses its threshold (1,000 pages):
/// with a sale writing about 17 pages that was dozens of times a second, each time copying and syncing megabytes while
/// every queued sale waited. A PASSIVE checkpoint neither waits for nor blocks the writer or a reader; what it cannot
/// copy now, it copies next time. The database file is synced before the log may be reused (<c>synchronous=FULL</c>
/// on this connection too), so durability is as before: a commit is durable once its log frames are synced.
/// </summary>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    /// <summary>How often: a few times a second keeps the log to a few thousand pages at the busiest counter.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public SqliteWalCheckpointer(SqliteConnections connections)
    {
        // A thread of its own, as a checkpoint blocks while it copies: on the pool it would hold a thread requests need.
        _thread = new Thread(() => Run(connections, _stop.Token)) { IsBackground = true, Name = "SQLite WAL checkpoint" };
        _thread.Start();
    }

    private static void Run(SqliteConnections connections, CancellationToken stop)
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stop.WaitHandle.WaitOne(Interval))
            {
                try
                {
                    connection ??= Open(connections);
                    SqliteConnections.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE)");
                }
                catch (SqliteException)
                {
                    // The file is busy or gone for a moment: the log keeps the commits, and the next tick tries again.
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static SqliteConnection Open(SqliteConnections connections)
    {
        var connection = connections.OpenReader();
        SqliteConnections.Execute(connection, "PRAGMA synchronous = FULL");
        return connection;
    }

    /// <summary>Stops the loop and waits for a checkpoint in progress, so the file can be released after.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(30));
        _stop.Dispose();
    }
}
