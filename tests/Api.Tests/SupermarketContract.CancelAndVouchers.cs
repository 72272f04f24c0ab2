using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class SupermarketContract<TApi>
{
    private static async Task<string> RedemptionIdOf(HttpResponseMessage response) =>
        (await SupermarketWorld.JsonAsync(response)).GetProperty("redemptionId").GetString()!;

    [Fact]
    public async Task Cancelling_refunds_the_points_returns_the_stock_and_cannot_happen_twice()
    {
        using var shop = await ShopAsync();
        var rid = await RedemptionIdOf(await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Oil, 2), (Rice, 1)));

        var cancelled = await SupermarketWorld.JsonAsync(await shop.Clerk2.PostAsJsonAsync($"/api/redemptions/{rid}/cancel", new { reason = "扫错了存折" }));

        Assert.Equal((130, 500), (cancelled.GetProperty("points").GetInt32(), cancelled.GetProperty("balance").GetInt32()));
        Assert.Equal(shop.Clerk2Key.Id, cancelled.GetProperty("cancellation").GetProperty("cancelledBy").GetString());
        Assert.Equal(500L, (await shop.HouseholdAsync()).Balance);
        var oil = await shop.ItemAsync(Oil);
        Assert.Equal((3, 3, 2, 2), (oil.GetProperty("stock").GetInt32(), oil.GetProperty("received").GetInt32(),
            oil.GetProperty("redeemed").GetInt32(), oil.GetProperty("returned").GetInt32()));
        var receipt = await SupermarketWorld.JsonAsync(await shop.Auditor.GetAsync($"/api/redemptions/{rid}"));
        Assert.Equal(("cancelled", "扫错了存折"), (receipt.GetProperty("status").GetString(),
            receipt.GetProperty("cancellation").GetProperty("reason").GetString()));
        await (await shop.Committee.PostAsJsonAsync($"/api/redemptions/{rid}/cancel", new { reason = "again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "already-cancelled");
    }

    [Fact]
    public async Task A_cancellation_needs_a_reason_a_clerk_or_committee_key_and_the_redemptions_community()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);
        var rid = await RedemptionIdOf(await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Rice, 1)));
        var cancel = $"/api/redemptions/{rid}/cancel";

        await (await shop.Clerk.PostAsJsonAsync(cancel, new { reason = " " })).AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await (await shop.Auditor.PostAsJsonAsync(cancel, new { reason = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await other.Clerk.PostAsJsonAsync(cancel, new { reason = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "redemption-not-found");
        await (await other.Committee.GetAsync($"/api/redemptions/{rid}")).AssertProblemAsync(HttpStatusCode.NotFound, "redemption-not-found");
        await (await shop.Clerk.PostAsJsonAsync("/api/redemptions/0195a3b4c0de7000800000000000ffff/cancel", new { reason = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "redemption-not-found");
        Assert.Equal(470L, (await shop.HouseholdAsync()).Balance);
    }

    [Fact]
    public async Task Each_unit_of_a_service_gets_a_voucher_that_is_listed_open_and_fulfilled_once()
    {
        using var shop = await ShopAsync();
        var receipt = await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (CarWash, 2)));
        var vouchers = receipt.GetProperty("vouchers").EnumerateArray().Select(v => v.GetProperty("voucherId").GetString()!).ToList();
        var list = (string status) => $"/api/communities/{shop.CommunityId}/vouchers{status}";

        var open = await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync(list("")));
        var fulfilled = await SupermarketWorld.JsonAsync(await shop.Committee.PostAsync($"/api/vouchers/{vouchers[0]}/fulfil", null));

        Assert.Equal(vouchers, open.GetProperty("vouchers").EnumerateArray().Select(v => v.GetProperty("voucherId").GetString()));
        Assert.Equal(("fulfilled", CarWash), (fulfilled.GetProperty("status").GetString(), fulfilled.GetProperty("sku").GetString()));
        await (await shop.Clerk.PostAsync($"/api/vouchers/{vouchers[0]}/fulfil", null)).AssertProblemAsync(HttpStatusCode.Conflict, "voucher-already-fulfilled");
        Assert.Equal([vouchers[1]], Ids(await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync(list("?status=open")))));
        Assert.Equal([vouchers[0]], Ids(await SupermarketWorld.JsonAsync(await shop.Auditor.GetAsync(list("?status=fulfilled")))));
        Assert.Equal(vouchers, Ids(await SupermarketWorld.JsonAsync(await shop.Auditor.GetAsync(list("?status=all")))));
        await (await shop.Clerk.GetAsync(list("?status=used"))).AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var rid = receipt.GetProperty("redemptionId").GetString();
        await (await shop.Clerk.PostAsJsonAsync($"/api/redemptions/{rid}/cancel", new { reason = "x" })).AssertProblemAsync(HttpStatusCode.Conflict, "voucher-fulfilled");
    }

    [Fact]
    public async Task A_voucher_is_fulfilled_only_by_a_clerk_or_committee_of_its_community_and_is_void_once_cancelled()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);
        var receipt = await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (CarWash, 1)));
        var voucher = receipt.GetProperty("vouchers")[0].GetProperty("voucherId").GetString();

        await (await shop.Auditor.PostAsync($"/api/vouchers/{voucher}/fulfil", null)).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await other.Committee.PostAsync($"/api/vouchers/{voucher}/fulfil", null)).AssertProblemAsync(HttpStatusCode.NotFound, "voucher-not-found");
        await (await shop.Clerk.PostAsync("/api/vouchers/no-such-voucher/fulfil", null)).AssertProblemAsync(HttpStatusCode.NotFound, "voucher-not-found");
        await SupermarketWorld.JsonAsync(await shop.Clerk.PostAsJsonAsync($"/api/redemptions/{receipt.GetProperty("redemptionId").GetString()}/cancel", new { reason = "改天" }));
        await (await shop.Clerk.PostAsync($"/api/vouchers/{voucher}/fulfil", null)).AssertProblemAsync(HttpStatusCode.Conflict, "redemption-cancelled");
        Assert.Equal([voucher], Ids(await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync($"/api/communities/{shop.CommunityId}/vouchers?status=cancelled"))));
        Assert.Equal(10, (await shop.ItemAsync(CarWash)).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task A_household_s_vouchers_are_listed_alone_for_the_counter_serving_it()
    {
        using var shop = await ShopAsync(households: 2);
        var mine = await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk, shop.Passbook(1), (CarWash, 2)));
        await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk, shop.Passbook(2), (CarWash, 1)));
        var list = (string query) => $"/api/communities/{shop.CommunityId}/vouchers{query}";

        Assert.Equal(
            mine.GetProperty("vouchers").EnumerateArray().Select(v => v.GetProperty("voucherId").GetString()),
            Ids(await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync(list($"?passbook={shop.Passbook(1)}")))));
        Assert.Single(Ids(await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync(list($"?status=all&passbook={shop.Passbook(2)}")))));
        Assert.Empty(Ids(await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync(list("?passbook=no-such-household")))));
        Assert.Equal(3, Ids(await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync(list("")))).Count());
        await (await shop.Clerk.GetAsync(list("?passbook=%20"))).AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
    }

    private static IEnumerable<string?> Ids(JsonElement list) =>
        list.GetProperty("vouchers").EnumerateArray().Select(v => v.GetProperty("voucherId").GetString());
}
