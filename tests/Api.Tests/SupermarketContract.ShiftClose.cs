using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class SupermarketContract<TApi>
{
    [Fact]
    public async Task The_shift_close_sums_a_clerks_day_as_json_and_as_a_printable_page()
    {
        using var shop = await ShopAsync(households: 2);
        var first = await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk, shop.Passbook(1), (Rice, 2), (CarWash, 1)));
        var second = await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk, shop.Passbook(2), (Oil, 1)));
        await SupermarketWorld.JsonAsync(await shop.Clerk.PostAsJsonAsync(
            $"/api/redemptions/{second.GetProperty("redemptionId").GetString()}/cancel", new { reason = "顾客退货" }));
        await SupermarketWorld.JsonAsync(await shop.Clerk2.PostAsync($"/api/vouchers/{first.GetProperty("vouchers")[0].GetProperty("voucherId").GetString()}/fulfil", null));
        // The day the receipt was recorded on, in the community's zone: never a day computed here across midnight.
        var day = first.GetProperty("day").GetString();
        var path = $"/api/communities/{shop.CommunityId}/shift-close?date={day}";

        var mine = await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync(path));
        var byCommittee = await SupermarketWorld.JsonAsync(await shop.Committee.GetAsync($"{path}&clerk={Uri.EscapeDataString(shop.ClerkKey.Id)}"));

        Assert.Equal(mine.ToString(), byCommittee.ToString());
        Assert.Equal((2, 1), (mine.GetProperty("redemptions").GetProperty("count").GetInt32(), mine.GetProperty("cancellations").GetProperty("count").GetInt32()));
        var points = mine.GetProperty("points");
        Assert.Equal((130, 50, 80), (points.GetProperty("redeemed").GetInt32(), points.GetProperty("refunded").GetInt32(), points.GetProperty("net").GetInt32()));
        Assert.Equal([(CarWash, 1, 0), (Oil, 1, 1), (Rice, 2, 0)], mine.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("sku").GetString(), i.GetProperty("out").GetInt32(), i.GetProperty("returned").GetInt32())));
        Assert.Equal((1, 0), (mine.GetProperty("vouchers").GetProperty("issued").GetInt32(), mine.GetProperty("vouchers").GetProperty("fulfilled").GetInt32()));
        var theirs = await SupermarketWorld.JsonAsync(await shop.Clerk2.GetAsync(path));
        Assert.Equal((0, 1), (theirs.GetProperty("redemptions").GetProperty("count").GetInt32(), theirs.GetProperty("vouchers").GetProperty("fulfilled").GetInt32()));

        using var html = await shop.Clerk.GetAsync($"{path}&format=html");
        using var english = await shop.Clerk.GetAsync($"{path}&format=html&lang=en");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("积分超市日结单", page);
        Assert.Contains("顾客退货", page);
        Assert.Contains("Service supermarket shift close", await english.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("?date=14-03-2025", "date")]
    [InlineData("?date=2025-02-30", "date")]
    [InlineData("?format=pdf", "format")]
    [InlineData("?lang=fr", "lang")]
    public async Task A_shift_close_query_that_breaks_the_rules_is_a_400(string query, string field)
    {
        using var shop = await ShopAsync();

        using var response = await shop.Clerk.GetAsync($"/api/communities/{shop.CommunityId}/shift-close{query}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Another_communitys_key_cannot_read_a_shift_close_and_an_auditor_can()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);
        var path = $"/api/communities/{shop.CommunityId}/shift-close?clerk={Uri.EscapeDataString(shop.ClerkKey.Id)}";

        await (await other.Clerk.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        var report = await SupermarketWorld.JsonAsync(await shop.Auditor.GetAsync(path));
        Assert.Equal(shop.ClerkKey.Id, report.GetProperty("clerk").GetString());
    }
}
