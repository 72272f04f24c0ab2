using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// The read models' write statements on the writer connection, each compiled once and kept. Microsoft.Data.Sqlite
/// compiles a command's SQL on every new command, and for the one-row writes of inline projections compiling cost
/// more than running. Used only under the writer lock, like the connection itself.
/// </summary>
internal sealed class SqliteStatementCache(SqliteWriter writer) : IDisposable
{
    // Projections have a few dozen statements; replays add their shadow-table twins. Past this, something generates
    // SQL per call, and keeping it would only hold memory.
    private const int Capacity = 256;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> in <paramref name="transaction"/>.</summary>
    public void Execute(SqliteTransaction transaction, string sql, IReadOnlyList<ReadModelParameter> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= Capacity)
            {
                Dispose();
            }

            command = writer.Connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p.Name, p.Value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
