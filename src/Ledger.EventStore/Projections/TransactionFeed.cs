namespace Ledger.EventStore.Projections;

/// <summary>
/// The few things the runner must do inside a read-model transaction that the store contract does not offer,
/// one dialect switch each: hold appends off, pin one snapshot, and read the events and a checkpoint as that
/// transaction sees them. The SQL of each comes from the transaction's dialect object.
/// </summary>
/// <remarks>
/// Why not <see cref="IEventStore.ReadAllAsync"/> here: on PostgreSQL it reads on other connections and stops at
/// the high-water mark, which cannot settle while appenders wait on this transaction's lock (they already hold
/// transaction ids). A rebuild would then stop short of the head and lose events. Inside the transaction that
/// holds appends off, every visible event is final, so reading them here is exact.
/// </remarks>
internal static class TransactionFeed
{
    /// <summary>
    /// Blocks appends in every process until the transaction ends (<see cref="RelationalDialect.LockAppendsSql"/>).
    /// </summary>
    public static Task LockAppendsAsync(IReadModelTransaction transaction, CancellationToken cancellationToken) =>
        transaction.SqlOf().LockAppendsSql is { } sql ? transaction.ExecuteAsync(sql, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Makes every statement of the transaction see one snapshot; must be its first statement. PostgreSQL:
    /// REPEATABLE READ, so live tables, checkpoints and events are read as of one instant while appends go on.
    /// SQLite: the writer lock already keeps everything still.
    /// </summary>
    public static Task UseSnapshotAsync(IReadModelTransaction transaction, CancellationToken cancellationToken) =>
        transaction.SqlOf().SnapshotSql is { } sql ? transaction.ExecuteAsync(sql, cancellationToken) : Task.CompletedTask;

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="after"/> and at most <paramref name="upTo"/>, as the transaction sees them.</summary>
    public static async Task<List<RecordedEvent>> ReadAsync(
        IReadModelTransaction transaction, long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        var dialect = transaction.SqlOf();
        await using var command = transaction.CreateCommand(
            $"SELECT {RelationalDialect.EventColumns} FROM {dialect.EventsTable} WHERE position > @after AND position <= @upto ORDER BY position LIMIT @limit",
            ("@after", after), ("@upto", upTo), ("@limit", (long)limit));
        var events = new List<RecordedEvent>(Math.Min(limit, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(dialect.ReadEvent(reader));
        }

        return events;
    }

    /// <summary>
    /// The checkpoint as the transaction sees it (0 when none). With <paramref name="lockRow"/> on PostgreSQL the
    /// row is created if missing and locked until the transaction ends, so two processes running the same
    /// projection take turns and the second sees where the first left off. SQLite's writer lock does this already.
    /// </summary>
    public static async Task<long> ReadCheckpointAsync(
        IReadModelTransaction transaction, string name, bool lockRow, CancellationToken cancellationToken)
    {
        var statements = transaction.SqlOf().ReadCheckpointSql(lockRow);
        for (var i = 0; i < statements.Count - 1; i++)
        {
            await transaction.ExecuteAsync(statements[i], cancellationToken, ("@name", name));
        }

        await using var command = transaction.CreateCommand(statements[^1], ("@name", name));
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

}
