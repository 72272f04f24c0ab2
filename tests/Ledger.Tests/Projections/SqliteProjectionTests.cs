using Ledger.Testing;
using Xunit.Abstractions;

namespace Ledger.Tests.Projections;

public sealed class SqliteProjectionTests(SqliteEventStoreFactory factory, ITestOutputHelper output) : ProjectionContract<SqliteEventStoreFactory>(factory, output);
