using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Creates or migrates the <c>ledger</c> schema from the numbered scripts embedded under <c>Postgres/Sql</c>,
/// recording each in <c>ledger.schema_version</c> (<see cref="RelationalSchema"/>). An advisory lock makes two instances
/// starting at once take turns, so each script is applied exactly once.
/// </summary>
internal sealed class PostgresSchema : RelationalSchema
{
    // Any fixed number unique to this purpose; advisory locks are per database.
    private const long MigrationLock = 0x4C65646765720001; // "Ledger" + 1

    public static readonly PostgresSchema Instance = new();

    private PostgresSchema()
        : base(SqlMigrations.Load(typeof(PostgresSchema).Assembly, "Ledger.EventStore.Postgres.Sql."))
    {
    }

    protected override string RecordSql => "INSERT INTO ledger.schema_version (version, script) VALUES (@version, @name)";

    protected override async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
        return transaction;
    }

    protected override async Task<int> FoundVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var probe = new NpgsqlCommand(
            "SELECT to_regclass('ledger.schema_version') IS NOT NULL, to_regnamespace('ledger') IS NOT NULL, " +
            "current_setting('server_encoding')", (NpgsqlConnection)connection);
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

        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM ledger.schema_version", (NpgsqlConnection)connection);
        return Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    protected override string Describe(DbConnection connection) => $"The ledger schema in database '{connection.Database}'";
}
