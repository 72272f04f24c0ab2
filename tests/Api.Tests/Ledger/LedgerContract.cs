using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests.Ledger;

/// <summary>
/// The HTTP surface of communities, rules, households, awards, activities and corrections, on every store backend.
/// Each backend enrols with a one-line subclass; tests in a class share one host, so each sets up a community of its own.
/// </summary>
public abstract partial class LedgerContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    protected TApi Api => api;

    protected Task<CommunityScenario> ScenarioAsync(string? timeZone = null) => CommunityScenario.CreateAsync(api, timeZone);

    protected static string NewId(string prefix) => CommunityScenario.NewId(prefix);
}

/// <summary>The ledger endpoints on the embedded SQLite store.</summary>
public sealed class LedgerOnSqlite(SqliteApi api) : LedgerContract<SqliteApi>(api);

/// <summary>The ledger endpoints on PostgreSQL.</summary>
public sealed class LedgerOnPostgres(PostgresApi api) : LedgerContract<PostgresApi>(api);
