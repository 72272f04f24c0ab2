namespace Ledger.EventStore.Projections;

/// <summary>The column types every backend stores the same way, so a dump compares equal across dialects.</summary>
public enum ColumnType
{
    /// <summary>Text: <c>TEXT</c> on SQLite, <c>text</c> on PostgreSQL.</summary>
    Text,

    /// <summary>A 64-bit whole number: <c>INTEGER</c> on SQLite, <c>bigint</c> on PostgreSQL. Points, counts, positions.</summary>
    BigInt,
}

/// <summary>One column of a read-model table.</summary>
/// <param name="Name">Lower-case letters, digits and <c>_</c>.</param>
/// <param name="Type">Its type.</param>
/// <param name="Nullable">True when it may hold NULL.</param>
public sealed record ReadModelColumn(string Name, ColumnType Type, bool Nullable = false)
{
    /// <summary>A text column.</summary>
    public static ReadModelColumn Text(string name, bool nullable = false) => new(name, ColumnType.Text, nullable);

    /// <summary>A bigint column.</summary>
    public static ReadModelColumn BigInt(string name, bool nullable = false) => new(name, ColumnType.BigInt, nullable);
}

/// <summary>
/// A table a projection owns, declared rather than written as DDL: the runner generates the DDL for either
/// dialect, live or as a temporary shadow, and knows the columns and key to compare a rebuild with the live table.
/// </summary>
/// <param name="Name">Logical name (lower-case letters, digits, <c>_</c>; not starting with <c>replay_</c>).</param>
/// <param name="Columns">Its columns, in order.</param>
/// <param name="Key">The primary key's columns: every row has one, so differences can be reported by key.</param>
/// <param name="Indexes">Secondary indexes, each a list of columns, for the queries that read the model.</param>
public sealed record ReadModelTable(
    string Name,
    IReadOnlyList<ReadModelColumn> Columns,
    IReadOnlyList<string> Key,
    IReadOnlyList<IReadOnlyList<string>>? Indexes = null);
