using Ledger.Testing;

namespace Ledger.Tests.Domain.Handlers;

// The same handler tests on PostgreSQL: the community directory's SQL and the retry loop must hold on both backends.
public sealed class PostgresAwardHandlerTests(PostgresEventStoreFactory factory) : AwardHandlerTests<PostgresEventStoreFactory>(factory);

public sealed class PostgresIdempotencyTests(PostgresEventStoreFactory factory) : IdempotencyTests<PostgresEventStoreFactory>(factory);

public sealed class PostgresParticipantsHandlerTests(PostgresEventStoreFactory factory) : ParticipantsHandlerTests<PostgresEventStoreFactory>(factory);

public sealed class PostgresCorrectionAndQueryTests(PostgresEventStoreFactory factory) : CorrectionAndQueryTests<PostgresEventStoreFactory>(factory);

public sealed class PostgresDirectoryAndUniquenessTests(PostgresEventStoreFactory factory) : DirectoryAndUniquenessTests<PostgresEventStoreFactory>(factory);
