using Npgsql;

namespace Ledger.Benchmarks.Postgres;

/// <summary>Raw PostgreSQL work for the yardsticks: scratch databases, the pgbench tables, the COPY read.</summary>
public static class PostgresRaw
{
    /// <summary>Creates a scratch database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name, CancellationToken cancellationToken)
    {
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops a scratch database, closing whatever still holds it.</summary>
    public static async Task DropDatabaseAsync(string adminConnectionString, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>(Re)creates the pgbench yardstick's raw tables, empty.</summary>
    public static async Task ResetRawTablesAsync(string connectionString, CancellationToken cancellationToken)
    {
        var ddl = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "pgbench", "schema.sql"), cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ddl, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The server settings that decide what a commit costs, for the report.</summary>
    public static async Task<string> DescribeServerAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var parts = new List<string> { $"PostgreSQL {connection.PostgreSqlVersion}" };
        foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers", "max_connections" })
        {
            await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
            parts.Add($"{setting}={await show.ExecuteScalarAsync(cancellationToken)}");
        }

        return string.Join(", ", parts);
    }

    /// <summary>True when the server commits durably (fsync and synchronous_commit on).</summary>
    public static async Task<bool> IsDurableAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var show = new NpgsqlCommand("SELECT current_setting('fsync') = 'on' AND current_setting('synchronous_commit') = 'on'", connection);
        return (bool)(await show.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The read yardstick: <c>COPY (SELECT * FROM table ORDER BY position) TO STDOUT</c> streamed through Npgsql and
    /// thrown away, as psql's <c>\copy ... to /dev/null</c> does. Returns the rows read.
    /// </summary>
    public static async Task<long> CopyOutAsync(string connectionString, string table, string positionColumn, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        using var reader = await connection.BeginTextExportAsync($"COPY (SELECT * FROM {table} ORDER BY {positionColumn}) TO STDOUT", cancellationToken);
        var buffer = new char[64 * 1024];
        long rows = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            rows += buffer.AsSpan(0, read).Count('\n');
        }

        return rows;
    }
}
