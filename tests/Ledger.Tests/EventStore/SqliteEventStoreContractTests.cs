using Ledger.Testing;

namespace Ledger.Tests.EventStore;

public sealed class SqliteEventStoreContractTests(SqliteEventStoreFactory factory) : EventStoreContract<SqliteEventStoreFactory>(factory);
