using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests;

/// <summary>
/// The supermarket's HTTP contract (catalogue, redemptions, vouchers, shift close) on every store backend. Each test
/// opens a community of its own on the class's host, so tests never see each other's households or stock.
/// </summary>
public abstract partial class SupermarketContract<TApi>(TApi api) : IClassFixture<TApi>
    where TApi : LedgerApiFactory
{
    protected TApi Api => api;

    protected const string Rice = "rice-5kg";
    protected const string Oil = "oil-5l";
    protected const string CarWash = "car-wash";

    /// <summary>A community selling rice (30 points, 10 in stock), oil (50, 3) and a car wash (20, 10 slots).</summary>
    protected async Task<SupermarketWorld> ShopAsync(long balance = 500, int households = 1)
    {
        var world = await SupermarketWorld.OpenAsync(api, balance, households);
        await world.ListAsync(Rice, "东北大米 5kg", "goods", 30, stock: 10);
        await world.ListAsync(Oil, "花生油 5L", "goods", 50, stock: 3);
        await world.ListAsync(CarWash, "洗车", "service", 20, capacity: 10);
        return world;
    }
}

/// <summary>The supermarket on the embedded SQLite store.</summary>
public sealed class SupermarketOnSqlite(SqliteApi api) : SupermarketContract<SqliteApi>(api);

/// <summary>The supermarket on PostgreSQL.</summary>
public sealed class SupermarketOnPostgres(PostgresApi api) : SupermarketContract<PostgresApi>(api);
