using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>Checkpoints in the ledger file: read on a reader connection, saved through the writer.</summary>
internal sealed class SqliteCheckpointStore(SqliteConnections connections, SqliteWriter writer) : ICheckpointStore
{
    public Task<long> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM checkpoints WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Task.FromResult(command.ExecuteScalar() is long position ? position : 0L);
    }

    public async Task SaveAsync(string name, long position, CancellationToken cancellationToken = default)
    {
        using var scope = await writer.BeginAsync(cancellationToken).ConfigureAwait(false);
        Save(scope.Connection, scope.Transaction, name, position);
        scope.Commit();
    }

    public static void Save(SqliteConnection connection, SqliteTransaction transaction, string name, long position)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO checkpoints (name, position) VALUES ($name, $position)
            ON CONFLICT (name) DO UPDATE SET position = excluded.position
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$position", position);
        command.ExecuteNonQuery();
    }
}
