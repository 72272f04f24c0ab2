namespace Ledger.EventStore.Projections;

/// <summary>A projection's live tables compared with a fresh replay of the feed up to the same position.</summary>
/// <param name="Projection">The projection's name.</param>
/// <param name="Position">The position both sides stand at: the async checkpoint, or the last event an inline projection has seen.</param>
/// <param name="DifferentRows">How many keys differ in all (each missing, unexpected or changed row counts once).</param>
/// <param name="Differences">The first differences, ordered by table then key.</param>
public sealed record ProjectionComparison(string Projection, long Position, long DifferentRows, IReadOnlyList<RowDifference> Differences)
{
    /// <summary>True when the live tables equal the replay row for row.</summary>
    public bool Equal => DifferentRows == 0;

    public override string ToString() => Equal
        ? $"{Projection} at {Position}: equal to a fresh replay"
        : $"{Projection} at {Position}: {DifferentRows} row(s) differ from a fresh replay; first: {string.Join("; ", Differences)}";
}

/// <summary>How a live row differs from the replayed one.</summary>
public enum RowDifferenceKind
{
    /// <summary>Both have the key, with different values.</summary>
    Changed,

    /// <summary>The replay has the row, the live table does not.</summary>
    MissingFromLive,

    /// <summary>The live table has a row the replay does not.</summary>
    UnexpectedInLive,
}

/// <summary>One row that differs, by table and key; values are invariant text (NULL as null).</summary>
/// <param name="Table">The table's logical name.</param>
/// <param name="Key">The key, as <c>column=value</c> pairs.</param>
/// <param name="Live">The live row by column, or null when it has none.</param>
/// <param name="Rebuilt">The replayed row by column, or null when it has none.</param>
public sealed record RowDifference(
    string Table, string Key, IReadOnlyDictionary<string, string?>? Live, IReadOnlyDictionary<string, string?>? Rebuilt)
{
    /// <summary>Which of the three ways it differs.</summary>
    public RowDifferenceKind Kind => Live is null ? RowDifferenceKind.MissingFromLive
        : Rebuilt is null ? RowDifferenceKind.UnexpectedInLive
        : RowDifferenceKind.Changed;

    public override string ToString() => $"{Table} ({Key}): live {Render(Live)} vs rebuilt {Render(Rebuilt)}";

    private static string Render(IReadOnlyDictionary<string, string?>? row) =>
        row is null ? "none" : "(" + string.Join(", ", row.Select(c => $"{c.Key}={c.Value ?? "NULL"}")) + ")";
}
