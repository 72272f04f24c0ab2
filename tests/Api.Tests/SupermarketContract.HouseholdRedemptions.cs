using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

/// <summary><c>GET /api/households/{passbook}/redemptions</c>: what a clerk needs to cancel without typing an id.</summary>
public abstract partial class SupermarketContract<TApi>
{
    [Fact]
    public async Task A_household_s_redemptions_list_newest_first_with_ids_lines_status_and_vouchers()
    {
        using var shop = await ShopAsync();
        var first = await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Rice, 1), (CarWash, 1)));
        var second = await SupermarketWorld.JsonAsync(await shop.RedeemAsync(shop.Clerk2, shop.Passbook(), (Rice, 2)));
        var secondId = second.GetProperty("redemptionId").GetString();
        using var cancel = await shop.Clerk.PostAsJsonAsync($"/api/redemptions/{secondId}/cancel", new { reason = "拿错了" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var list = await SupermarketWorld.JsonAsync(await shop.Clerk.GetAsync($"/api/households/{shop.Passbook()}/redemptions?limit=5"));

        Assert.Equal((shop.Passbook(), shop.CommunityId, 5), (list.GetProperty("passbook").GetString(), list.GetProperty("communityId").GetString(),
            list.GetProperty("limit").GetInt32()));
        var items = list.GetProperty("redemptions").EnumerateArray().ToList();
        Assert.Equal([secondId, first.GetProperty("redemptionId").GetString()], items.Select(r => r.GetProperty("redemptionId").GetString()));
        Assert.Equal(("cancelled", 60, "拿错了"), (items[0].GetProperty("status").GetString(), items[0].GetProperty("points").GetInt32(),
            items[0].GetProperty("cancellation").GetProperty("reason").GetString()));
        Assert.Equal(("completed", 50, JsonValueKindNull), (items[1].GetProperty("status").GetString(), items[1].GetProperty("points").GetInt32(),
            items[1].TryGetProperty("cancellation", out var none) ? none.ValueKind : JsonValueKindNull));
        Assert.Equal([Rice, CarWash], items[1].GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sku").GetString()));
        var voucher = Assert.Single(items[1].GetProperty("vouchers").EnumerateArray());
        Assert.Equal(("open", CarWash), (voucher.GetProperty("status").GetString(), voucher.GetProperty("sku").GetString()));
        Assert.True(items[1].TryGetProperty("at", out _) && items[1].TryGetProperty("day", out _));
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?limit=ten")]
    public async Task A_bad_limit_is_400(string query)
    {
        using var shop = await ShopAsync();

        using var response = await shop.Clerk.GetAsync($"/api/households/{shop.Passbook()}/redemptions{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_redemption_list_needs_a_key_of_the_household_s_community_or_an_auditor()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);
        using var anonymous = Api.CreateClient(apiKey: null);
        using var admin = Api.CreateAdminClient();
        var path = $"/api/households/{shop.Passbook()}/redemptions";

        await (await anonymous.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await (await admin.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await other.Clerk.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
        await (await shop.Clerk.GetAsync("/api/households/nobody-here/redemptions")).AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
        Assert.Equal(HttpStatusCode.OK, (await shop.Auditor.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shop.Committee.GetAsync(path)).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
