namespace Ledger.EventStore;

/// <summary>
/// The store's own database for read models that live there. It hands out connections and transactions, which command
/// handlers never need: only read models, their queries and the projection runner take this.
/// </summary>
public interface IReadModelStore
{
    /// <summary>Which database this is, for read models that need dialect-specific SQL.</summary>
    SqlDialect Dialect { get; }

    /// <summary>
    /// Opens a transaction on the store's own database for a read model that lives there: its writes and its
    /// checkpoint commit together, so a crash never leaves them apart.
    /// </summary>
    Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a read-only snapshot of the store's database for a read model's queries: what was committed when it
    /// opened, never what an open transaction has written. Unlike <see cref="BeginReadModelTransactionAsync"/> it never
    /// waits for the writer (on SQLite a read model's transaction holds the one writer, so a query there queued behind
    /// every append). Writes through it are refused.
    /// </summary>
    Task<IReadModelTransaction> BeginReadModelQueryAsync(CancellationToken cancellationToken = default);
}

/// <summary>Which SQL the store's database speaks.</summary>
public enum SqlDialect
{
    /// <summary>The embedded SQLite store.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql.</summary>
    Postgres,
}
