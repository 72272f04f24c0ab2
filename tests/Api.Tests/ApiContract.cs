using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests;

/// <summary>
/// The HTTP behaviour that must hold on every store backend. Each backend enrols with a one-line subclass; tests in
/// a class share one host (and store), so each uses ids and idempotency keys of its own.
/// </summary>
public abstract partial class ApiContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    protected TApi Api => api;

    /// <summary>A fresh id, so tests sharing a host never collide.</summary>
    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];
}

/// <summary>The contract on the embedded SQLite store.</summary>
public sealed class ApiOnSqlite(SqliteApi api) : ApiContract<SqliteApi>(api);

/// <summary>The contract on PostgreSQL.</summary>
public sealed class ApiOnPostgres(PostgresApi api) : ApiContract<PostgresApi>(api);
