using Ledger.EventStore;

namespace Ledger.Testing;

/// <summary>
/// Makes fresh, empty, initialised stores of one backend for tests. The contract suite takes one of these
/// as a class fixture, so each backend enrols in one line.
/// </summary>
public interface IEventStoreFactory
{
    /// <summary>The backend this factory makes.</summary>
    SqlDialect Dialect { get; }

    /// <summary>A new store with a database of its own (a new SQLite file, a new PostgreSQL database), initialised.</summary>
    Task<ILedgerStore> CreateStoreAsync(EventStoreOptions? options = null);
}
