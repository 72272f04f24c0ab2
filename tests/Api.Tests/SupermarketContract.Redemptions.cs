using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class SupermarketContract<TApi>
{
    [Fact]
    public async Task A_redemption_is_201_with_the_receipt_and_balance_and_its_receipt_can_be_read_back()
    {
        using var shop = await ShopAsync();

        using var response = await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Rice, 2), (CarWash, 1), (Rice, 1));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await SupermarketWorld.JsonAsync(response);
        var rid = receipt.GetProperty("redemptionId").GetString()!;
        Assert.Equal($"/api/redemptions/{rid}", response.Headers.Location?.OriginalString);
        Assert.Equal((110, 390), (receipt.GetProperty("points").GetInt32(), receipt.GetProperty("balance").GetInt32()));
        var lines = receipt.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([(Rice, 3, 90), (CarWash, 1, 20)],
            lines.Select(l => (l.GetProperty("sku").GetString(), l.GetProperty("quantity").GetInt32(), l.GetProperty("points").GetInt32())));
        var voucher = Assert.Single(receipt.GetProperty("vouchers").EnumerateArray());
        Assert.Equal(($"{rid}-1", "open"), (voucher.GetProperty("voucherId").GetString(), voucher.GetProperty("status").GetString()));
        Assert.Equal(shop.ClerkKey.Id, receipt.GetProperty("clerk").GetString());
        var shown = await SupermarketWorld.JsonAsync(await shop.Committee.GetAsync($"/api/redemptions/{rid}"));
        Assert.Equal(("completed", 110), (shown.GetProperty("status").GetString(), shown.GetProperty("points").GetInt32()));
        Assert.Equal(390L, (await shop.HouseholdAsync()).Balance);
        Assert.Equal(7, (await shop.ItemAsync(Rice)).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task A_redemption_without_an_idempotency_key_is_a_400_and_charges_nothing()
    {
        using var shop = await ShopAsync();
        var head = await Api.HeadAsync();

        using var response = await shop.RedeemAsync(shop.Clerk, null, shop.Passbook(), (Rice, 1));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency-key-required");
        Assert.Equal(head, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_retried_redemption_returns_the_same_201_body_and_charges_once_and_another_body_under_its_key_is_422()
    {
        using var shop = await ShopAsync();
        const string key = "till-1/2025-03-14/0001";

        using var first = await shop.RedeemAsync(shop.Clerk, key, shop.Passbook(), (Oil, 3));
        using var retry = await shop.RedeemAsync(shop.Clerk, key, shop.Passbook(), (Oil, 3));
        using var other = await shop.RedeemAsync(shop.Clerk, key, shop.Passbook(), (Oil, 1));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ProblemTypes.IdempotencyKeyReused);
        Assert.Equal(350L, (await shop.HouseholdAsync()).Balance);
        Assert.Equal(0, (await shop.ItemAsync(Oil)).GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task Eight_copies_of_one_request_sent_at_once_charge_once_and_all_answer_the_same_receipt()
    {
        using var shop = await ShopAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => shop.RedeemAsync(shop.Clerk, "flaky-network", shop.Passbook(), (Rice, 1))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(470L, (await shop.HouseholdAsync()).Balance);
    }

    [Fact]
    public async Task Refused_redemptions_are_409_problems_with_what_the_counter_needs_and_change_nothing()
    {
        using var shop = await ShopAsync(balance: 100);
        var head = await Api.HeadAsync();

        var points = await (await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Rice, 1), (Oil, 2))).AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-points");
        var stock = await (await shop.RedeemAsync(shop.Clerk, shop.Passbook(), (Oil, 4))).AssertProblemAsync(HttpStatusCode.Conflict, "out-of-stock");

        Assert.Equal((100, 130), (points.GetProperty("balance").GetInt32(), points.GetProperty("needed").GetInt32()));
        Assert.Equal((Oil, 3, 4), (stock.GetProperty("sku").GetString(), stock.GetProperty("available").GetInt32(), stock.GetProperty("requested").GetInt32()));
        Assert.Equal(head, await Api.HeadAsync());
    }

    [Fact]
    public async Task Unknown_skus_and_households_are_404_and_a_household_of_another_community_is_404_too()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);

        var sku = await (await shop.RedeemAsync(shop.Clerk, shop.Passbook(), ("tea-set", 1))).AssertProblemAsync(HttpStatusCode.NotFound, "catalog-item-not-found");
        await (await shop.RedeemAsync(shop.Clerk, "no-such-passbook", (Rice, 1))).AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
        await (await shop.RedeemAsync(shop.Clerk, other.Passbook(), (Rice, 1))).AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");

        Assert.Equal("tea-set", sku.GetProperty("sku").GetString());
        Assert.Equal(500L, (await other.HouseholdAsync()).Balance);
    }

    [Fact]
    public async Task A_member_the_household_does_not_list_is_422()
    {
        using var shop = await ShopAsync();

        using var response = await shop.Clerk.PostRawJsonAsync($"/api/communities/{shop.CommunityId}/redemptions",
            $$"""{"passbook":"{{shop.Passbook()}}","member":"王五","lines":[{"sku":"{{Rice}}","quantity":1}]}""", "member-1");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "member-not-found");
    }

    [Theory]
    [InlineData("""{"passbook":"P","lines":[]}""", "lines")]
    [InlineData("""{"passbook":"P","lines":[{"sku":"rice-5kg","quantity":0}]}""", "lines[0].quantity")]
    [InlineData("""{"passbook":"P","lines":[{"sku":"rice-5kg","quantity":1001}]}""", "lines[0].quantity")]
    [InlineData("""{"passbook":"P","lines":[{"sku":"rice-5kg","quantity":600},{"sku":"rice-5kg","quantity":401}]}""", "lines")]
    [InlineData("""{"lines":[{"sku":"rice 5kg","quantity":1}]}""", "lines[0].sku")]
    public async Task A_basket_that_breaks_the_rules_is_a_400_naming_the_field(string body, string field)
    {
        using var shop = await ShopAsync();

        using var response = await shop.Clerk.PostRawJsonAsync($"/api/communities/{shop.CommunityId}/redemptions", body, Guid.NewGuid().ToString());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Only_a_clerk_of_the_community_redeems_and_unreadable_bodies_are_400()
    {
        using var shop = await ShopAsync();
        using var other = await SupermarketWorld.OpenAsync(Api);
        using var anonymous = Api.CreateClient(apiKey: null);

        await (await shop.RedeemAsync(shop.Committee, shop.Passbook(), (Rice, 1))).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await shop.RedeemAsync(shop.Auditor, shop.Passbook(), (Rice, 1))).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await shop.RedeemAsync(other.Clerk, shop.Passbook(), (Rice, 1))).AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await (await shop.RedeemAsync(anonymous, shop.Passbook(), (Rice, 1))).AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        await (await shop.Clerk.PostRawJsonAsync($"/api/communities/{shop.CommunityId}/redemptions", """{"passbook":"P","lines":[{"sku":"x","quantity":"two"}]}""", "bad-1"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
        Assert.Equal(500L, (await shop.HouseholdAsync()).Balance);
    }
}
