using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Opens the ledger file for writing: refuses what is not a ledger (before changing a single byte of it),
/// then creates or migrates the schema from the embedded <c>Sql/NNN_*.sql</c> scripts (<see cref="RelationalSchema"/>).
/// </summary>
internal sealed class SqliteSchema : RelationalSchema
{
    /// <summary>"LDGR": stamped in the file header so a ledger is told apart from any other SQLite file.</summary>
    public const int ApplicationId = 0x4C444752;

    private const string VersionTable = "ledger_schema_version";

    public static readonly SqliteSchema Instance = new();

    private SqliteSchema()
        : base(SqlMigrations.Load(typeof(SqliteSchema).Assembly, "Ledger.EventStore.Sqlite.Sql."))
    {
    }

    // The time as EventHasher.TimeFormat writes it, to the millisecond.
    protected override string RecordSql =>
        $"INSERT INTO {VersionTable} (version, name, applied_at) VALUES (@version, @name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

    /// <summary>Opens the writer connection on a ready, current ledger, or throws <see cref="EventStoreUnavailableException"/>.</summary>
    public async Task<SqliteConnection> OpenWriterAsync(SqliteConnections connections, CancellationToken cancellationToken)
    {
        var path = connections.FilePath;
        SqliteConnection? writer = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            writer = connections.OpenWriter();
            Inspect(writer, transaction: null);
            // After the checks: switching to WAL rewrites the header, which a foreign file must never suffer.
            var mode = SqliteConnections.Scalar(writer, "PRAGMA journal_mode = WAL") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new EventStoreUnavailableException($"The ledger database '{path}' cannot switch to WAL mode (it stays in '{mode}').");
            }

            await MigrateAsync(writer, cancellationToken).ConfigureAwait(false);
            return writer;
        }
        catch (SqliteException ex)
        {
            writer?.Dispose();
            throw Unavailable(path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            writer?.Dispose();
            throw new EventStoreUnavailableException($"The ledger database '{path}' cannot be created or opened: {ex.Message}", ex);
        }
        catch
        {
            writer?.Dispose();
            throw;
        }
    }

    // IMMEDIATE: a second process starting at the same moment waits here and then sees the schema made.
    protected override Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    protected override Task<int> FoundVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var (writer, inTransaction) = ((SqliteConnection)connection, (SqliteTransaction)transaction);
        if (Inspect(writer, inTransaction) is { } version)
        {
            return Task.FromResult(version);
        }

        SqliteConnections.Execute(writer, $"""
            CREATE TABLE {VersionTable} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            PRAGMA application_id = {ApplicationId};
            """, inTransaction);
        return Task.FromResult(0);
    }

    protected override string Describe(DbConnection connection) => $"'{connection.DataSource}'";

    /// <summary>The ledger's schema version, or null for a new empty file; throws for anything that is not ours.</summary>
    private int? Inspect(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var path = connection.DataSource;
        // The first read of the header is where "file is not a database" surfaces.
        var applicationId = Convert.ToInt64(SqliteConnections.Scalar(connection, "PRAGMA application_id", transaction), CultureInfo.InvariantCulture);
        var objects = Convert.ToInt64(SqliteConnections.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master", transaction), CultureInfo.InvariantCulture);
        if (applicationId == 0 && objects == 0)
        {
            return null;
        }

        if (applicationId != ApplicationId)
        {
            throw new EventStoreUnavailableException(applicationId == 0
                ? $"'{path}' is a SQLite database of something else, not a ledger: it has tables but no ledger schema."
                : $"'{path}' is a SQLite database of another application (application_id {applicationId}), not a ledger.");
        }

        var hasVersionTable = Convert.ToInt64(SqliteConnections.Scalar(
            connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{VersionTable}'", transaction),
            CultureInfo.InvariantCulture) == 1;
        if (!hasVersionTable)
        {
            throw new EventStoreUnavailableException($"'{path}' is marked as a ledger but has no schema-version table; it is damaged or was made by hand.");
        }

        var version = Convert.ToInt32(
            SqliteConnections.Scalar(connection, $"SELECT COALESCE(MAX(version), 0) FROM {VersionTable}", transaction), CultureInfo.InvariantCulture);
        return version > LatestVersion ? throw Newer(connection, version) : version;
    }

    private static EventStoreUnavailableException Unavailable(string path, SqliteException ex)
    {
        var reason = ex.SqliteErrorCode switch
        {
            26 => $"'{path}' is not a ledger database: the file is not SQLite at all.",
            11 => $"The ledger database '{path}' is damaged (SQLite reports it corrupt).",
            14 => $"The ledger database '{path}' cannot be opened (missing permission, or the path is a folder).",
            5 or 6 => $"The ledger database '{path}' is locked by another process.",
            8 => $"The ledger database '{path}' is read-only.",
            _ => $"The ledger database '{path}' cannot be used: {ex.Message}",
        };
        return new EventStoreUnavailableException(reason, ex);
    }
}
