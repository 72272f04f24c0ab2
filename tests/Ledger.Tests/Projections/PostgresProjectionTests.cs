using Ledger.Testing;
using Xunit.Abstractions;

namespace Ledger.Tests.Projections;

public sealed class PostgresProjectionTests(PostgresEventStoreFactory factory, ITestOutputHelper output) : ProjectionContract<PostgresEventStoreFactory>(factory, output);
