using Ledger.Testing;

namespace Redemption.Tests.Handlers;

// Every handler test on both backends: the read models' SQL and the retry loop must hold on SQLite and PostgreSQL.
public sealed class SqliteRedeemHandlerTests(SqliteEventStoreFactory factory) : RedeemHandlerTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresRedeemHandlerTests(PostgresEventStoreFactory factory) : RedeemHandlerTests<PostgresEventStoreFactory>(factory);

public sealed class SqliteCancelAndVoucherHandlerTests(SqliteEventStoreFactory factory) : CancelAndVoucherHandlerTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresCancelAndVoucherHandlerTests(PostgresEventStoreFactory factory)
    : CancelAndVoucherHandlerTests<PostgresEventStoreFactory>(factory);

public sealed class SqliteInvariantTests(SqliteEventStoreFactory factory) : InvariantTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresInvariantTests(PostgresEventStoreFactory factory) : InvariantTests<PostgresEventStoreFactory>(factory);

public sealed class SqliteShiftCloseTests(SqliteEventStoreFactory factory) : ShiftCloseTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresShiftCloseTests(PostgresEventStoreFactory factory) : ShiftCloseTests<PostgresEventStoreFactory>(factory);

public sealed class SqliteStreamCacheTests(SqliteEventStoreFactory factory) : StreamCacheTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresStreamCacheTests(PostgresEventStoreFactory factory) : StreamCacheTests<PostgresEventStoreFactory>(factory);

public sealed class SqliteHouseholdRedemptionsTests(SqliteEventStoreFactory factory) : HouseholdRedemptionsTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresHouseholdRedemptionsTests(PostgresEventStoreFactory factory) : HouseholdRedemptionsTests<PostgresEventStoreFactory>(factory);
