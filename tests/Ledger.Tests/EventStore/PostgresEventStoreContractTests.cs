using Ledger.Testing;

namespace Ledger.Tests.EventStore;

public sealed class PostgresEventStoreContractTests(PostgresEventStoreFactory factory) : EventStoreContract<PostgresEventStoreFactory>(factory);
