using System.Globalization;

namespace Ledger.EventStore.Projections;

/// <summary>
/// Compares live tables with a replay in the same snapshot, in SQL: <c>EXCEPT</c> both ways finds every
/// differing row without moving either table into memory, and without ordering text in .NET (whose ordinal order
/// differs from the databases' collations), so it reads the same on both dialects.
/// </summary>
internal static class ProjectionComparer
{
    public static async Task<ProjectionComparison> CompareAsync(
        ILedgerStore store, IProjection projection, bool inline, int maxDifferences, int batchSize, CancellationToken cancellationToken)
    {
        await using var replay = await ProjectionReplay.BeginAsync(store, projection, cancellationToken);
        var live = replay.Live;
        foreach (var table in projection.Tables)
        {
            // A projection that never ran has no tables: compare it as empty, creating them in this transaction (so
            // rolled back with it) under the DDL lock, as a runner may be creating them right now. Only when missing,
            // and without indexes: either would otherwise lock the live table against its writers meanwhile.
            if (!await ProjectionSchema.ExistsAsync(live, table, cancellationToken))
            {
                await ProjectionSchema.LockAsync(live, cancellationToken);
                await ProjectionSchema.CreateAsync(live, table, cancellationToken, withIndexes: false);
            }
        }

        // Async: the live tables stand at their checkpoint, read in the same snapshot. Inline: at every event the
        // snapshot sees, since each append's rows committed with its events.
        var upTo = inline
            ? long.MaxValue
            : await TransactionFeed.ReadCheckpointAsync(live, ProjectionDaemon.CheckpointName(projection.Name), lockRow: false, cancellationToken);
        await replay.ReplayAsync(upTo, batchSize, cancellationToken);
        long different = 0;
        var differences = new List<RowDifference>();
        foreach (var table in projection.Tables)
        {
            var sides = new Sides(table, live, replay.Transaction);
            different += await CountAsync(sides, cancellationToken);
            if (differences.Count < maxDifferences)
            {
                differences.AddRange(await FirstAsync(sides, maxDifferences - differences.Count, cancellationToken));
            }
        }

        return new ProjectionComparison(projection.Name, inline ? replay.Position : upTo, different, differences);
    }

    private static async Task<long> CountAsync(Sides sides, CancellationToken cancellationToken)
    {
        await using var command = sides.Live.CreateCommand($"SELECT COUNT(*) FROM ({sides.DifferingKeys}) AS d");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<List<RowDifference>> FirstAsync(Sides sides, int limit, CancellationToken cancellationToken)
    {
        var keys = new List<object[]>();
        await using (var command = sides.Live.CreateCommand(
                         $"{sides.DifferingKeys} ORDER BY {ProjectionSchema.ColumnList(sides.Table.Key)} LIMIT {limit}"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new object[reader.FieldCount];
                reader.GetValues(key);
                keys.Add(key);
            }
        }

        var differences = new List<RowDifference>(keys.Count);
        foreach (var key in keys)
        {
            var text = string.Join(", ", sides.Table.Key.Select((column, i) => $"{column}={Text(key[i]) ?? "NULL"}"));
            differences.Add(new RowDifference(
                sides.Table.Name, text,
                await RowAsync(sides.Live, sides.Table, key, cancellationToken),
                await RowAsync(sides.Rebuilt, sides.Table, key, cancellationToken)));
        }

        return differences;
    }

    private static async Task<IReadOnlyDictionary<string, string?>?> RowAsync(
        IReadModelTransaction side, ReadModelTable table, object[] key, CancellationToken cancellationToken)
    {
        var where = string.Join(" AND ", table.Key.Select((column, i) => $"{ProjectionSchema.Quote(column)} = @k{i}"));
        await using var command = side.CreateCommand(
            $"SELECT {ProjectionSchema.ColumnList(table.Columns.Select(c => c.Name))} FROM {ProjectionSchema.Quote(side.Table(table.Name))} WHERE {where}",
            [.. key.Select((value, i) => ($"@k{i}", (object?)value))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return table.Columns.Select((c, i) => (c.Name, Value: Text(reader.GetValue(i)))).ToDictionary(c => c.Name, c => c.Value);
    }

    private static string? Text(object value) => value is DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);

    /// <summary>One table seen from both sides, and the SQL naming every key whose row differs.</summary>
    private sealed record Sides(ReadModelTable Table, IReadModelTransaction Live, IReadModelTransaction Rebuilt)
    {
        public string DifferingKeys
        {
            get
            {
                var columns = ProjectionSchema.ColumnList(Table.Columns.Select(c => c.Name));
                var keys = ProjectionSchema.ColumnList(Table.Key);
                var (l, r) = (ProjectionSchema.Quote(Live.Table(Table.Name)), ProjectionSchema.Quote(Rebuilt.Table(Table.Name)));
                return $"SELECT {keys} FROM (SELECT {columns} FROM {l} EXCEPT SELECT {columns} FROM {r}) AS d1 " +
                       $"UNION SELECT {keys} FROM (SELECT {columns} FROM {r} EXCEPT SELECT {columns} FROM {l}) AS d2";
            }
        }
    }
}
