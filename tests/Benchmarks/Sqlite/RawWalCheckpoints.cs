using Microsoft.Data.Sqlite;

namespace Ledger.Benchmarks.Sqlite;

/// <summary>
/// The store's checkpoint policy for a raw SQLite yardstick, so that the two differ only in what they write: automatic
/// checkpoints off on the writing connection, and a PASSIVE checkpoint every 200 ms from a second connection with
/// <c>synchronous=FULL</c> (as <c>SqliteWalCheckpointer</c> does in the store).
/// </summary>
public sealed class RawWalCheckpoints : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private RawWalCheckpoints(string path) => _loop = Task.Run(() => RunAsync(path, _stop.Token));

    /// <summary>Turns automatic checkpoints off on <paramref name="writer"/> and starts checkpointing its file.</summary>
    public static RawWalCheckpoints Start(SqliteConnection writer)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint = 0";
        command.ExecuteNonQuery();
        return new RawWalCheckpoints(writer.DataSource);
    }

    private static async Task RunAsync(string path, CancellationToken stop)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                command.ExecuteNonQuery();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
