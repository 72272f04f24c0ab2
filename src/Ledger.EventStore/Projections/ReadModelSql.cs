using System.Data.Common;
using System.Text;

namespace Ledger.EventStore.Projections;

/// <summary>
/// Small helpers for projections' SQL: commands that join the transaction, <c>@name</c> parameters (both
/// dialects read them), and a batched upsert that turns a batch of events into a few statements.
/// </summary>
public static class ReadModelSql
{
    /// <summary>A command on the transaction's connection, joined to it, with <c>@name</c> parameters.</summary>
    public static DbCommand CreateCommand(this IReadModelTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        if (transaction.HasHeldWrites)
        {
            // The command would run before the held writes and miss them: a read of stale rows, or writes out of order.
            throw new InvalidOperationException("This transaction holds writes not yet sent: call FlushAsync before running another command.");
        }

        var command = transaction.Connection.CreateCommand();
        command.Transaction = transaction.Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return command;
    }

    /// <summary>Runs one statement; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(
        this IReadModelTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = transaction.CreateCommand(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds a parameter; null becomes SQL NULL.</summary>
    public static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> into the table <paramref name="upsert"/> names (logical: resolved through the
    /// transaction here), merging each into the row with the same key: <see cref="Upsert.Add"/> columns are summed,
    /// <see cref="Upsert.Set"/> columns replaced. Each row holds the key, then the Add, then the Set values.
    /// Keys must be distinct within one call (PostgreSQL refuses to touch a row twice in one statement): fold a
    /// batch of events into one change per key first, which is also what makes this fast.
    /// </summary>
    public static async Task UpsertAsync(
        this IReadModelTransaction transaction, Upsert upsert, IReadOnlyCollection<object?[]> rows, CancellationToken cancellationToken)
    {
        var table = transaction.Table(upsert.Table);
        var width = upsert.Columns.Count;
        if (rows.Any(r => r.Length != width))
        {
            throw new ArgumentException($"Every upsert row into '{upsert.Table}' needs {width} values: {string.Join(", ", upsert.Columns)}.", nameof(rows));
        }

        var dialect = transaction.SqlOf();
        foreach (var chunk in rows.Chunk(dialect.UpsertRowsPerStatement(width)))
        {
            await transaction.WriteAsync(
                upsert.Sql(table, chunk.Length, dialect),
                [.. chunk.SelectMany(row => row).Select((value, i) => new ReadModelParameter(dialect.ParameterName(i), value))],
                cancellationToken);
        }
    }
}

/// <summary>What <see cref="ReadModelSql.UpsertAsync"/> writes: a table, its key, and how the other columns merge.</summary>
/// <param name="Table">The logical table name (as declared in <see cref="ReadModelTable.Name"/>).</param>
/// <param name="Key">The conflict target: the table's primary key columns.</param>
/// <param name="Add">Columns added to what the row holds (counters, sums).</param>
/// <param name="Set">Columns replaced by the new value (latest name, last position).</param>
public sealed record Upsert(string Table, IReadOnlyList<string> Key, IReadOnlyList<string>? Add = null, IReadOnlyList<string>? Set = null)
{
    /// <summary>Every column in row order: key, then Add, then Set.</summary>
    public IReadOnlyList<string> Columns { get; } = [.. Key, .. Add ?? [], .. Set ?? []];

    // Built once per table, row count and dialect: an inline projection upserts on every append.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Table, int Rows, RelationalDialect Dialect), string> _statements = new();

    /// <summary>The statement for <paramref name="rows"/> rows, with the dialect's placeholders.</summary>
    internal string Sql(string table, int rows, RelationalDialect dialect) =>
        _statements.GetOrAdd((table, rows, dialect), key => Build(key.Table, key.Rows, key.Dialect));

    private string Build(string table, int rows, RelationalDialect dialect)
    {
        var quoted = ProjectionSchema.Quote(table);
        var sql = new StringBuilder("INSERT INTO ").Append(quoted).Append(" (").Append(ProjectionSchema.ColumnList(Columns)).Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Columns.Count; c++)
            {
                sql.Append(c == 0 ? "" : ", ").Append(dialect.Placeholder(n++));
            }

            sql.Append(')');
        }

        var updates = (Add ?? []).Select(c => $"{ProjectionSchema.Quote(c)} = {quoted}.{ProjectionSchema.Quote(c)} + excluded.{ProjectionSchema.Quote(c)}")
            .Concat((Set ?? []).Select(c => $"{ProjectionSchema.Quote(c)} = excluded.{ProjectionSchema.Quote(c)}"))
            .ToList();
        sql.Append(" ON CONFLICT (").Append(ProjectionSchema.ColumnList(Key)).Append(')')
           .Append(updates.Count == 0 ? " DO NOTHING" : " DO UPDATE SET " + string.Join(", ", updates));
        return sql.ToString();
    }
}
