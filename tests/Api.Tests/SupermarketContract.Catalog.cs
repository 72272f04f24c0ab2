using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class SupermarketContract<TApi>
{
    [Fact]
    public async Task The_catalogue_shows_every_item_with_its_price_version_stock_or_capacity_to_any_key_of_the_community()
    {
        using var shop = await ShopAsync();
        using var revised = await shop.Committee.PostAsJsonAsync($"/api/communities/{shop.CommunityId}/catalog",
            new { sku = Rice, name = "五常大米 5kg", kind = "goods", points = 35 });

        var item = await SupermarketWorld.JsonAsync(revised);
        Assert.Equal(("五常大米 5kg", 35, 2, 10), (item.GetProperty("name").GetString(), item.GetProperty("points").GetInt32(),
            item.GetProperty("version").GetInt32(), item.GetProperty("stock").GetInt32()));
        foreach (var reader in new[] { shop.Clerk, shop.Committee, shop.Auditor })
        {
            var catalog = await SupermarketWorld.JsonAsync(await reader.GetAsync($"/api/communities/{shop.CommunityId}/catalog"));
            var list = catalog.GetProperty("items").EnumerateArray().ToList();
            Assert.Equal([CarWash, Oil, Rice], list.Select(i => i.GetProperty("sku").GetString()));
            var items = list.ToDictionary(i => i.GetProperty("sku").GetString()!);
            // One `stock` for both kinds, as the contract says: goods on the shelf, a service's open places.
            Assert.Equal((10, 10), (items[Rice].GetProperty("stock").GetInt32(), items[CarWash].GetProperty("stock").GetInt32()));
            Assert.Equal((JsonValueKind.Null, 10), (items[Rice].GetProperty("capacity").ValueKind, items[CarWash].GetProperty("capacity").GetInt32()));
            Assert.False(items[Rice].TryGetProperty("stockOnHand", out _) || items[CarWash].TryGetProperty("remainingCapacity", out _));
            Assert.False(items[Oil].GetProperty("withdrawn").GetBoolean());
        }
    }

    [Fact]
    public async Task Only_the_committee_of_the_community_lists_items()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);
        var path = $"/api/communities/{shop.CommunityId}/catalog";
        var body = new { sku = "tea", name = "茶具", kind = "goods", points = 100 };

        await (await shop.Clerk.PostAsJsonAsync(path, body)).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await shop.Auditor.PostAsJsonAsync(path, body)).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await other.Committee.PostAsJsonAsync(path, body)).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        using var anonymous = Api.CreateClient(apiKey: null);
        await (await anonymous.PostAsJsonAsync(path, body)).AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await (await other.Clerk.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task A_listing_that_breaks_the_rules_is_a_400_naming_each_field_and_changes_nothing()
    {
        using var shop = await ShopAsync();
        var head = await Api.HeadAsync();
        var path = $"/api/communities/{shop.CommunityId}/catalog";

        var invalid = await (await shop.Committee.PostRawJsonAsync(path, """{"sku":"tea set","name":"","points":0,"stock":-1}"""))
            .AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var wrongKindFields = await (await shop.Committee.PostRawJsonAsync(path,
                """{"sku":"wash","name":"洗车","kind":"service","points":20,"stock":5}"""))
            .AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await (await shop.Committee.PostRawJsonAsync(path, """{"sku":"tea","name":"茶具","kind":"food","points":20}"""))
            .AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);

        Assert.Equal(["kind", "name", "points", "sku", "stock"],
            invalid.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(wrongKindFields.GetProperty("errors").TryGetProperty("stock", out _));
        Assert.Equal(head, await Api.HeadAsync());
    }

    [Fact]
    public async Task An_items_kind_cannot_change_and_an_unknown_community_or_sku_is_404()
    {
        using var shop = await ShopAsync();

        using var kind = await shop.Committee.PostAsJsonAsync($"/api/communities/{shop.CommunityId}/catalog",
            new { sku = Rice, name = "大米", kind = "service", points = 30 });
        await kind.AssertProblemAsync(HttpStatusCode.Conflict, "item-kind-fixed");
        await (await shop.Auditor.GetAsync("/api/communities/no-such-place/catalog")).AssertProblemAsync(HttpStatusCode.NotFound, "community-not-found");
        await (await shop.Clerk.GetAsync($"/api/communities/{shop.CommunityId}/catalog/tea")).AssertProblemAsync(HttpStatusCode.NotFound, "catalog-item-not-found");
    }

    [Fact]
    public async Task Clerks_and_the_committee_receive_stock_for_goods_only()
    {
        using var shop = await ShopAsync();
        var stock = (string sku) => $"/api/communities/{shop.CommunityId}/catalog/{sku}/stock";

        await SupermarketWorld.JsonAsync(await shop.Clerk.PostAsJsonAsync(stock(Rice), new { quantity = 5, note = "粮油店捐赠" }));
        var item = await SupermarketWorld.JsonAsync(await shop.Committee.PostAsJsonAsync(stock(Rice), new { quantity = 2 }));

        Assert.Equal((17, 17), (item.GetProperty("stock").GetInt32(), item.GetProperty("received").GetInt32()));
        await (await shop.Clerk.PostAsJsonAsync(stock(CarWash), new { quantity = 5 })).AssertProblemAsync(HttpStatusCode.Conflict, "item-not-goods");
        await (await shop.Clerk.PostAsJsonAsync(stock("tea"), new { quantity = 5 })).AssertProblemAsync(HttpStatusCode.NotFound, "catalog-item-not-found");
        await (await shop.Clerk.PostAsJsonAsync(stock(Rice), new { quantity = 0 })).AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await (await shop.Auditor.PostAsJsonAsync(stock(Rice), new { quantity = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task A_withdrawn_item_is_flagged_and_cannot_be_withdrawn_again_or_redeemed()
    {
        using var shop = await ShopAsync();
        var withdraw = $"/api/communities/{shop.CommunityId}/catalog/{Oil}/withdraw";

        await (await shop.Clerk.PostAsJsonAsync(withdraw, new { reason = "过期" })).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await shop.Committee.PostAsJsonAsync(withdraw, new { reason = "" })).AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var item = await SupermarketWorld.JsonAsync(await shop.Committee.PostAsJsonAsync(withdraw, new { reason = "过期" }));

        Assert.True(item.GetProperty("withdrawn").GetBoolean());
        Assert.True((await shop.ItemAsync(Oil)).GetProperty("withdrawn").GetBoolean());
        await (await shop.Committee.PostAsJsonAsync(withdraw, new { reason = "again" })).AssertProblemAsync(HttpStatusCode.Conflict, "item-withdrawn");
        var refused = await (await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Oil, 1))).AssertProblemAsync(HttpStatusCode.Conflict, "item-withdrawn");
        Assert.Equal(Oil, refused.GetProperty("sku").GetString());
    }
}
