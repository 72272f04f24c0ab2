using System.Text;
using System.Text.RegularExpressions;

namespace Ledger.EventStore.Projections;

/// <summary>
/// Creates, drops and checks projections' tables from their declarations, in the dialect of the transaction and
/// under the names it resolves (live, or temporary shadow tables during a replay).
/// </summary>
public static partial class ProjectionSchema
{
    /// <summary>Shadow tables are named with this prefix, so no live table may start with it.</summary>
    internal const string ShadowPrefix = "replay_";

    // The store's own tables share SQLite's namespace: a read model must never be able to shadow or clear them.
    private static readonly HashSet<string> Reserved =
        ["events", "streams", "checkpoints", "idempotency_keys", "ledger_schema_version", "schema_version"];

    /// <summary>
    /// Creates every table the projections declare that is missing (idempotent). The stores call this for their
    /// inline projections at start; the daemon for its async ones. Throws when the declarations are invalid.
    /// </summary>
    public static async Task EnsureAsync(
        IReadModelTransaction transaction, IReadOnlyList<IProjection> projections, CancellationToken cancellationToken = default)
    {
        Validate(projections);
        await LockAsync(transaction, cancellationToken);
        foreach (var table in projections.SelectMany(p => p.Tables))
        {
            await CreateAsync(transaction, table, cancellationToken);
        }
    }

    /// <summary>Refuses bad names, undeclared key columns, and two projections sharing a name or a table.</summary>
    public static void Validate(IEnumerable<IProjection> projections)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var projection in projections)
        {
            Require(projection.Name, $"Projection name '{projection.Name}'");
            if (!names.Add(projection.Name))
            {
                throw new ArgumentException($"Two projections are named '{projection.Name}'.", nameof(projections));
            }

            if (projection.Tables.Count == 0)
            {
                throw new ArgumentException($"Projection '{projection.Name}' declares no table.", nameof(projections));
            }

            foreach (var table in projection.Tables)
            {
                ValidateTable(projection.Name, table);
                if (!tables.Add(table.Name))
                {
                    throw new ArgumentException($"Table '{table.Name}' is declared twice (last by '{projection.Name}').", nameof(projections));
                }
            }
        }
    }

    /// <summary>
    /// Serialises read-model DDL across processes until the transaction ends. PostgreSQL's <c>CREATE TABLE IF NOT
    /// EXISTS</c> is not safe against itself: two at once fail on a unique catalog index. SQLite's writer lock
    /// serialises already. Temporary shadow tables need no lock: each session has its own.
    /// </summary>
    internal static Task LockAsync(IReadModelTransaction transaction, CancellationToken cancellationToken) =>
        transaction.SqlOf().DdlLockSql is { } sql ? transaction.ExecuteAsync(sql, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Creates one table under the name the transaction resolves, if missing, and its indexes unless told not to:
    /// on PostgreSQL even <c>CREATE INDEX IF NOT EXISTS</c> takes a SHARE lock on the table before it finds the
    /// index there, which would hold off every writer of the table until the transaction ends.
    /// </summary>
    internal static async Task CreateAsync(
        IReadModelTransaction transaction, ReadModelTable table, CancellationToken cancellationToken, bool withIndexes = true)
    {
        var shadow = transaction is ShadowTransaction;
        var name = transaction.Table(table.Name);
        var sql = new StringBuilder(shadow ? "CREATE TEMP TABLE " : "CREATE TABLE IF NOT EXISTS ").Append(Quote(name)).Append(" (");
        foreach (var column in table.Columns)
        {
            sql.Append(Quote(column.Name)).Append(' ').Append(transaction.SqlOf().ColumnType(column.Type))
               .Append(column.Nullable ? "" : " NOT NULL").Append(", ");
        }

        sql.Append("PRIMARY KEY (").Append(ColumnList(table.Key)).Append("))");
        // A shadow lives and dies with the replay's transaction, which is never committed; this is belt and braces.
        sql.Append(shadow ? transaction.SqlOf().DropTempOnCommit : "");
        await transaction.ExecuteAsync(sql.ToString(), cancellationToken);
        var indexes = withIndexes ? table.Indexes ?? [] : [];
        for (var i = 0; i < indexes.Count; i++)
        {
            await ReadModelSql.ExecuteAsync(
                transaction,
                $"CREATE INDEX IF NOT EXISTS {Quote($"{name}_ix{i + 1}")} ON {Quote(name)} ({ColumnList(indexes[i])})",
                cancellationToken);
        }
    }

    /// <summary>True when the table exists under the name the transaction resolves (live names only).</summary>
    internal static async Task<bool> ExistsAsync(IReadModelTransaction transaction, ReadModelTable table, CancellationToken cancellationToken)
    {
        await using var command = transaction.CreateCommand(transaction.SqlOf().TableExistsSql, ("@name", transaction.Table(table.Name)));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Drops one table (with its indexes) under the name the transaction resolves, if present.</summary>
    internal static Task DropAsync(IReadModelTransaction transaction, ReadModelTable table, CancellationToken cancellationToken)
    {
        // A shadow is named in the temporary schema, so no mistake can ever make this drop a live table.
        var schema = transaction is not ShadowTransaction ? "" : transaction.SqlOf().TempSchema;
        return transaction.ExecuteAsync($"DROP TABLE IF EXISTS {schema}{Quote(transaction.Table(table.Name))}", cancellationToken);
    }

    /// <summary>Double-quotes a validated identifier: both dialects then accept names that happen to be key words.</summary>
    internal static string Quote(string identifier) => $"\"{identifier}\"";

    internal static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(Quote));

    private static void ValidateTable(string projection, ReadModelTable table)
    {
        var what = $"Projection '{projection}', table '{table.Name}'";
        Require(table.Name, what);
        if (table.Name.StartsWith(ShadowPrefix, StringComparison.Ordinal) || Reserved.Contains(table.Name) || table.Name.StartsWith("sqlite_", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{what}: the name is reserved for the store or its replays.");
        }

        if (table.Columns.Count == 0 || table.Key.Count == 0)
        {
            throw new ArgumentException($"{what}: a table needs columns and a primary key.");
        }

        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            Require(column.Name, $"{what}, column '{column.Name}'");
            if (!columns.Add(column.Name))
            {
                throw new ArgumentException($"{what}: column '{column.Name}' is declared twice.");
            }
        }

        foreach (var used in table.Key.Concat((table.Indexes ?? []).SelectMany(i => i)))
        {
            if (!columns.Contains(used))
            {
                throw new ArgumentException($"{what}: key or index column '{used}' is not a declared column.");
            }
        }
    }

    private static void Require(string name, string what)
    {
        if (name is null || !Identifier().IsMatch(name))
        {
            throw new ArgumentException($"{what} must be 1 to 48 lower-case letters, digits or '_', starting with a letter.");
        }
    }

    // 48 leaves room for "replay_" and "_ixNN" within PostgreSQL's 63-byte identifiers.
    [GeneratedRegex("^[a-z][a-z0-9_]{0,47}$")]
    private static partial Regex Identifier();
}
