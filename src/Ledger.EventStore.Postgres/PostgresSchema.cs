using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Creates or migrates the <c>ledger</c> schema from the numbered scripts embedded under <c>Postgres/Sql</c>,
/// recording each in <c>ledger.schema_version</c>. Runs in one transaction under an advisory lock, so two
/// instances starting at once apply each script exactly once, and a failed script leaves nothing behind.
/// </summary>
internal static class PostgresSchema
{
    // Any fixed number unique to this purpose; advisory locks are per database.
    private const long MigrationLock = 0x4C65646765720001; // "Ledger" + 1

    /// <summary>The scripts this build knows, in order.</summary>
    public static IReadOnlyList<SqlMigration> Scripts { get; } = SqlMigrations.Load(typeof(PostgresSchema).Assembly, "Ledger.EventStore.Postgres.Sql.");

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; returns the version found before.</summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        var found = await CurrentVersionAsync(connection, cancellationToken);
        if (found > LatestVersion)
        {
            throw new EventStoreUnavailableException(
                $"The ledger schema in database '{connection.Database}' is at version {found}, written by a newer " +
                $"version of the ledger; this build knows versions up to {LatestVersion}. Upgrade the ledger service.");
        }

        foreach (var (version, name, sql) in Scripts.Where(s => s.Version > found))
        {
            await ExecuteAsync(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO ledger.schema_version (version, script) VALUES ($1, $2)", connection);
            record.Parameters.Add(new() { Value = version });
            record.Parameters.Add(new() { Value = name });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var probe = new NpgsqlCommand(
            "SELECT to_regclass('ledger.schema_version') IS NOT NULL, to_regnamespace('ledger') IS NOT NULL, " +
            "current_setting('server_encoding')", connection);
        bool hasVersionTable, hasSchema;
        string encoding;
        await using (var reader = await probe.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (hasVersionTable, hasSchema, encoding) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetString(2));
        }

        if (encoding != "UTF8")
        {
            // The hash chain covers UTF-8 bytes, and the append function hashes the database's own text.
            throw new EventStoreUnavailableException(
                $"Database '{connection.Database}' is encoded as {encoding}; the ledger needs a UTF8 database.");
        }

        if (!hasVersionTable)
        {
            return hasSchema
                ? throw new EventStoreUnavailableException(
                    $"Database '{connection.Database}' has a schema 'ledger' that is not a ledger event store (no ledger.schema_version).")
                : 0;
        }

        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM ledger.schema_version", connection);
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
