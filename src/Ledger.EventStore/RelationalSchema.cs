using System.Data.Common;

namespace Ledger.EventStore;

/// <summary>
/// Creates or migrates a relational store's schema from its numbered scripts (<see cref="SqlMigrations"/>), as both
/// backends do: one transaction that makes a second process starting at the same moment wait and then see the schema
/// made; the version found, refused if newer than this build; each missing script run and recorded; the commit. A
/// failed script leaves nothing behind. A backend says how it takes its turn and reads its version
/// (<c>SqliteSchema</c>, <c>PostgresSchema</c>).
/// </summary>
internal abstract class RelationalSchema(IReadOnlyList<SqlMigration> scripts)
{
    /// <summary>The schema version this build writes (the scripts are numbered 1, 2, 3... without gaps).</summary>
    public int LatestVersion => scripts.Count;

    /// <summary>
    /// Records a script as applied, with <c>@version</c> and <c>@name</c> (both drivers read <c>@</c> parameters).
    /// </summary>
    protected abstract string RecordSql { get; }

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; returns the version found before (0 for a new store).</summary>
    public async Task<int> MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginAsync(connection, cancellationToken).ConfigureAwait(false);
        var found = await FoundVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (found > LatestVersion)
        {
            throw Newer(connection, found);
        }

        foreach (var script in scripts.Where(s => s.Version > found))
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, RecordSql, cancellationToken, ("@version", script.Version), ("@name", script.Name))
                .ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Begins the migration's transaction, holding off any other process's migration until it ends.</summary>
    protected abstract Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The schema version the database holds, 0 for a new one; throws for a database that is not a ledger.</summary>
    protected abstract Task<int> FoundVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>The database, as the refusal of a newer schema names it.</summary>
    protected abstract string Describe(DbConnection connection);

    /// <summary>The refusal of a schema written by a newer build.</summary>
    protected EventStoreUnavailableException Newer(DbConnection connection, int found) => new(
        $"{Describe(connection)} is at version {found}, written by a newer version of the ledger; this build knows versions up to {LatestVersion}. Upgrade the ledger service.");

    protected static async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
