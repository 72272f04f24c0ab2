using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests;

/// <summary>
/// Many counters at once: 32 simultaneous HTTP redemptions, whose exact outcome is known in advance. The append's
/// expected versions referee every race; the handlers' retries make every request end in a decision, never a 5xx
/// or a lost race.
/// </summary>
public abstract partial class SupermarketContract<TApi>
{
    private const int Counters = 32;

    [Fact]
    public async Task Thirty_two_clerks_redeeming_for_one_household_at_once_spend_exactly_what_it_holds()
    {
        // 10 baskets of 30 points fit in 310; the other 22 must be refused, and 10 points stay.
        using var shop = await ShopAsync(balance: 310);
        await shop.ListAsync("soap", "肥皂", "goods", 30, stock: 100);

        var responses = await Task.WhenAll(Enumerable.Range(0, Counters).Select(i =>
            shop.RedeemAsync(i % 2 == 0 ? shop.Clerk : shop.Clerk2, shop.Passbook(), ("soap", 1))));

        var outcomes = await OutcomesAsync(responses);
        Assert.Equal(10, outcomes.Count(o => o == "201"));
        Assert.Equal(22, outcomes.Count(o => o == "insufficient-points"));
        Assert.Equal(10L, (await shop.HouseholdAsync()).Balance);
        await AssertStockAsync(shop, "soap", received: 100, redeemed: 10, onHand: 90);
    }

    [Fact]
    public async Task Thirty_two_households_buying_the_last_seven_units_at_once_get_exactly_seven()
    {
        using var shop = await ShopAsync(households: Counters);
        await shop.ListAsync("tea-set", "茶具", "goods", 200, stock: 7);

        var responses = await Task.WhenAll(Enumerable.Range(1, Counters).Select(n =>
            shop.RedeemAsync(n % 2 == 0 ? shop.Clerk : shop.Clerk2, shop.Passbook(n), ("tea-set", 1))));

        var outcomes = await OutcomesAsync(responses);
        Assert.Equal(7, outcomes.Count(o => o == "201"));
        Assert.Equal(25, outcomes.Count(o => o == "out-of-stock"));
        await AssertStockAsync(shop, "tea-set", received: 7, redeemed: 7, onHand: 0);
        var balances = new List<long>();
        for (var n = 1; n <= Counters; n++)
        {
            balances.Add((await shop.HouseholdAsync(n)).Balance);
        }

        Assert.Equal(7, balances.Count(b => b == 300));
        Assert.Equal(25, balances.Count(b => b == 500));
    }

    [Fact]
    public async Task Thirty_two_redemptions_for_one_household_that_can_pay_for_all_of_them_all_land_once()
    {
        using var shop = await ShopAsync(balance: 1000);
        await shop.ListAsync("soap", "肥皂", "goods", 30, stock: 100);

        var responses = await Task.WhenAll(Enumerable.Range(0, Counters).Select(i =>
            shop.RedeemAsync(i % 2 == 0 ? shop.Clerk : shop.Clerk2, shop.Passbook(), ("soap", 1))));

        Assert.All(await OutcomesAsync(responses), o => Assert.Equal("201", o));
        var household = await shop.HouseholdAsync();
        Assert.Equal((40L, 960L), (household.Balance, household.Redeemed));
        await AssertStockAsync(shop, "soap", received: 100, redeemed: 32, onHand: 68);
    }

    private static async Task<List<string>> OutcomesAsync(HttpResponseMessage[] responses)
    {
        var outcomes = new List<string>();
        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync();
            outcomes.Add(response.StatusCode == HttpStatusCode.Created ? "201"
                : response.StatusCode == HttpStatusCode.Conflict ? JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()!.Replace("/problems/", "")
                : $"{(int)response.StatusCode} {body}");
            response.Dispose();
        }

        return outcomes;
    }

    private static async Task AssertStockAsync(SupermarketWorld shop, string sku, long received, long redeemed, long onHand)
    {
        var item = await shop.ItemAsync(sku);
        var (r, d, back, hand) = (item.GetProperty("received").GetInt64(), item.GetProperty("redeemed").GetInt64(),
            item.GetProperty("returned").GetInt64(), item.GetProperty("stock").GetInt64());
        Assert.Equal((received, redeemed, 0L, onHand), (r, d, back, hand));
        Assert.Equal(r - d + back, hand);
    }
}
