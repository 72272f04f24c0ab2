namespace Ledger.EventStore.Projections;

/// <summary>
/// A read model kept as SQL tables in the store's own database, folded from the global feed. One class serves
/// both ways of running it: inline (in <see cref="EventStoreOptions.InlineProjections"/>, inside each append's
/// transaction) or async (given to <see cref="ProjectionDaemon"/>, following the feed behind a checkpoint).
/// </summary>
/// <remarks>
/// <para>Rules that keep a rebuild equal to the live tables:</para>
/// <list type="bullet">
/// <item>Name every table through <see cref="IReadModelTransaction.Table"/> (or the helpers in
/// <see cref="ReadModelSql"/>, which do), in reads as well as writes: a replay answers shadow tables there.</item>
/// <item>Depend only on the events and on your own tables: never on the clock, another projection's tables, or
/// how the feed was cut into batches. Applying [e1, e2] then [e3] must give what [e1, e2, e3] gives.</item>
/// <item>Write SQL both SQLite 3.35 and PostgreSQL 15 run (<c>INSERT ... ON CONFLICT ... DO UPDATE</c>,
/// <c>@name</c> parameters through <see cref="System.Data.Common.DbCommand"/>); switch on
/// <see cref="IReadModelTransaction.Dialect"/> only where there is no common form.</item>
/// <item>Ignore event types you do not know: the feed carries every event of the ledger.</item>
/// </list>
/// </remarks>
public interface IProjection
{
    /// <summary>
    /// Stable name: the key of its checkpoint (<c>projection:{Name}</c>) and how operators name it. Lower-case
    /// letters, digits and <c>_</c>; never renamed once released (a new name starts from zero).
    /// </summary>
    string Name { get; }

    /// <summary>The tables it owns, by logical name. A rebuild drops and recreates exactly these.</summary>
    IReadOnlyList<ReadModelTable> Tables { get; }

    /// <summary>
    /// Folds <paramref name="events"/> (in position order, never empty) into its tables inside
    /// <paramref name="transaction"/>. Throwing rolls back the whole batch: rows and checkpoint stay as they were.
    /// </summary>
    Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken);
}
