using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class SupermarketContract<TApi>
{
    [Theory]
    [InlineData("GET", "/api/communities/{cid}/catalog")]
    [InlineData("GET", "/api/communities/{cid}/catalog/rice-5kg")]
    [InlineData("POST", "/api/communities/{cid}/catalog/rice-5kg/stock")]
    [InlineData("POST", "/api/communities/{cid}/catalog/rice-5kg/withdraw")]
    [InlineData("GET", "/api/redemptions/0195a3b4c0de7000800000000000abcd")]
    [InlineData("POST", "/api/redemptions/0195a3b4c0de7000800000000000abcd/cancel")]
    [InlineData("POST", "/api/vouchers/0195a3b4c0de7000800000000000abcd-1/fulfil")]
    [InlineData("GET", "/api/communities/{cid}/vouchers")]
    [InlineData("GET", "/api/communities/{cid}/shift-close")]
    public async Task Every_supermarket_endpoint_needs_a_key(string method, string path)
    {
        using var shop = await ShopAsync();
        using var anonymous = Api.CreateClient(apiKey: null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{cid}", shop.CommunityId))
        {
            Content = method == "POST" ? JsonContent.Create(new { quantity = 1, reason = "x" }) : null,
        };

        using var response = await anonymous.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_reused_idempotency_key_on_a_listing_or_a_cancellation_is_422()
    {
        using var shop = await ShopAsync();
        var rid = await RedemptionIdOf(await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Rice, 1)));
        var catalog = $"/api/communities/{shop.CommunityId}/catalog";

        await SupermarketWorld.JsonAsync(await shop.Committee.PostRawJsonAsync(catalog, """{"sku":"tea","name":"茶具","kind":"goods","points":100}""", "list-1"));
        await (await shop.Committee.PostRawJsonAsync(catalog, """{"sku":"tea","name":"茶具","kind":"goods","points":120}""", "list-1"))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ProblemTypes.IdempotencyKeyReused);
        var first = await shop.Clerk.PostRawJsonAsync($"/api/redemptions/{rid}/cancel", """{"reason":"退货"}""", "cancel-1");
        var replay = await shop.Clerk.PostRawJsonAsync($"/api/redemptions/{rid}/cancel", """{"reason":"退货"}""", "cancel-1");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        await (await shop.Clerk.PostRawJsonAsync($"/api/redemptions/{rid}/cancel", """{"reason":"other"}""", "cancel-1"))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ProblemTypes.IdempotencyKeyReused);
        Assert.Equal(100, (await shop.ItemAsync("tea")).GetProperty("points").GetInt32());
    }

    [Fact]
    public async Task Other_communities_vouchers_are_403_and_unknown_items_and_communities_are_404()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);

        await (await other.Clerk.GetAsync($"/api/communities/{shop.CommunityId}/vouchers")).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await shop.Committee.PostAsJsonAsync($"/api/communities/{shop.CommunityId}/catalog/tea/withdraw", new { reason = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "catalog-item-not-found");
        await (await shop.Auditor.GetAsync("/api/communities/no-such-place/shift-close")).AssertProblemAsync(HttpStatusCode.NotFound, "community-not-found");
    }
}
