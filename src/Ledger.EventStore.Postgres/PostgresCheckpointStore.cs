using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>Named positions of consumers of the global feed, in <c>ledger.checkpoints</c>.</summary>
internal sealed class PostgresCheckpointStore(NpgsqlDataSource dataSource) : ICheckpointStore
{
    internal const string SaveSql =
        "INSERT INTO ledger.checkpoints (name, position) VALUES ($1, $2) " +
        "ON CONFLICT (name) DO UPDATE SET position = excluded.position";

    public async Task<long> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT position FROM ledger.checkpoints WHERE name = $1", connection);
        command.Parameters.Add(new() { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    public async Task SaveAsync(string name, long position, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await SaveAsync(connection, null, name, position, cancellationToken);
    }

    internal static async Task SaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, long position, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SaveSql, connection, transaction);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = position });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
