using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests;

/// <summary>
/// Sponsorships over HTTP on both stores: donated goods land in stock credited to the donor; a points budget funds an
/// activity's participants in the same append as their awards, is never overdrawn (also by 32 simultaneous requests),
/// and every statement line names who funded its points.
/// </summary>
public abstract partial class SupermarketContract<TApi>
{
    private const string Sponsor = "爱心超市";

    private static string Yesterday => DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");

    private async Task<SupermarketWorld> ShopWithSponsorAsync(int households = 1, long? budget = null)
    {
        var shop = await ShopAsync(households: households);
        await (await PostAsync(shop.Committee, $"/api/communities/{shop.CommunityId}/partners", new { id = "aixin", name = Sponsor, kind = "enterprise" }))
            .AssertStatusAsync(HttpStatusCode.Created);
        if (budget is { } points)
        {
            await (await RecordSponsorshipAsync(shop, new { id = "budget", partnerId = "aixin", kind = "points", points })).AssertStatusAsync(HttpStatusCode.Created);
        }

        return shop;
    }

    private static Task<HttpResponseMessage> RecordSponsorshipAsync(SupermarketWorld shop, object body) =>
        PostAsync(shop.Committee, $"/api/communities/{shop.CommunityId}/sponsorships", body);

    private static async Task ScheduleSponsoredAsync(SupermarketWorld shop, string id, long points, string organizer = Sponsor, string? sponsorshipId = "budget") =>
        await (await PostAsync(shop.Committee, $"/api/communities/{shop.CommunityId}/activities", new
        {
            id, title = "爱心义剪", organizer = new { kind = "enterprise", name = organizer }, date = Yesterday, points, sponsorshipId,
        })).AssertStatusAsync(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> ParticipateAsync(SupermarketWorld shop, string activity, params int[] households) =>
        PostAsync(shop.Committee, $"/api/communities/{shop.CommunityId}/activities/{activity}/participants",
            new { participants = households.Select(n => new { passbook = shop.Passbook(n) }) });

    private static Task<JsonElement> SponsorshipAsync(SupermarketWorld shop, HttpClient client, string id = "budget") =>
        GetJsonAsync(client, $"/api/communities/{shop.CommunityId}/sponsorships/{id}");

    [Fact]
    public async Task Donated_goods_are_received_into_stock_credited_to_the_donor_and_read_back()
    {
        using var shop = await ShopWithSponsorAsync();

        var donated = await (await RecordSponsorshipAsync(shop, new { id = "oil-gift", partnerId = "aixin", kind = "goods", sku = Oil, quantity = 20, note = "中秋捐赠" }))
            .AssertStatusAsync(HttpStatusCode.Created);

        Assert.Equal(("goods", Sponsor, 20L), (donated.GetProperty("kind").GetString(), donated.GetProperty("sponsorName").GetString(), donated.GetProperty("given").GetInt64()));
        await AssertStockAsync(shop, Oil, received: 23, redeemed: 0, onHand: 23);
        var read = await SponsorshipAsync(shop, shop.Auditor, "oil-gift");
        Assert.Equal((Oil, 20L), (read.GetProperty("sku").GetString(), read.GetProperty("given").GetInt64()));
        var list = await GetJsonAsync(shop.Committee, $"/api/communities/{shop.CommunityId}/sponsorships");
        Assert.Equal(["oil-gift"], list.GetProperty("sponsorships").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.True((await GetJsonAsync(shop.Auditor, "/api/audit/verify")).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Goods_for_a_service_an_unknown_partner_and_a_second_id_are_refused_and_record_nothing()
    {
        using var shop = await ShopWithSponsorAsync(budget: 50);
        var before = await Api.HeadAsync();

        using var service = await RecordSponsorshipAsync(shop, new { id = "wash", partnerId = "aixin", kind = "goods", sku = CarWash, quantity = 2 });
        using var stranger = await RecordSponsorshipAsync(shop, new { id = "other", partnerId = "nobody", kind = "points", points = 10 });
        using var twice = await RecordSponsorshipAsync(shop, new { id = "budget", partnerId = "aixin", kind = "points", points = 10 });
        using var mixed = await RecordSponsorshipAsync(shop, new { id = "mixed", partnerId = "aixin", kind = "points", points = 10, quantity = 3 });

        await service.AssertProblemAsync(HttpStatusCode.Conflict, "item-not-goods");
        await stranger.AssertProblemAsync(HttpStatusCode.NotFound, "partner-not-found");
        await twice.AssertProblemAsync(HttpStatusCode.Conflict, "sponsorship-exists");
        await mixed.AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_sponsored_activity_draws_its_awards_from_the_budget_and_the_statement_names_the_sponsor()
    {
        using var shop = await ShopWithSponsorAsync(households: 3, budget: 100);
        await ScheduleSponsoredAsync(shop, "haircut", points: 30);

        await (await ParticipateAsync(shop, "haircut", 1, 2, 3)).AssertStatusAsync(HttpStatusCode.Created);

        var budget = await SponsorshipAsync(shop, shop.Committee);
        Assert.Equal((100L, 90L, 10L), (budget.GetProperty("given").GetInt64(), budget.GetProperty("used").GetInt64(), budget.GetProperty("remaining").GetInt64()));
        Assert.Equal(("haircut", 90L, 3), (budget.GetProperty("draws")[0].GetProperty("activityId").GetString(),
            budget.GetProperty("draws")[0].GetProperty("points").GetInt64(), budget.GetProperty("draws")[0].GetProperty("participants").GetInt32()));
        var community = (await GetJsonAsync(shop.Committee, $"/api/communities/{shop.CommunityId}")).GetProperty("name").GetString();
        var lines = (await GetJsonAsync(shop.Committee, $"/api/households/{shop.Passbook(2)}/statement")).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([(community, null), (Sponsor, "budget")],
            lines.Select(l => (l.GetProperty("fundedBy").GetString(), l.TryGetProperty("sponsorshipId", out var s) ? s.GetString() : null)));
        Assert.True((await GetJsonAsync(shop.Auditor, "/api/audit/verify")).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Participants_who_would_overdraw_the_budget_are_409_budget_exhausted_and_nobody_of_the_request_is_awarded()
    {
        using var shop = await ShopWithSponsorAsync(households: 3, budget: 50);
        await ScheduleSponsoredAsync(shop, "haircut", points: 20);
        var before = await Api.HeadAsync();

        using var refused = await ParticipateAsync(shop, "haircut", 1, 2, 3);

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict, "budget-exhausted");
        Assert.Equal((50L, 60L), (problem.GetProperty("remaining").GetInt64(), problem.GetProperty("needed").GetInt64()));
        Assert.Equal(before, await Api.HeadAsync());
        Assert.Equal(500L, (await shop.HouseholdAsync(1)).Balance);
        await (await ParticipateAsync(shop, "haircut", 1, 2)).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(10L, (await SponsorshipAsync(shop, shop.Committee)).GetProperty("remaining").GetInt64());
    }

    [Fact]
    public async Task An_activity_may_name_only_a_points_budget_of_its_own_organiser()
    {
        using var shop = await ShopWithSponsorAsync(budget: 50);
        await (await RecordSponsorshipAsync(shop, new { id = "rice-gift", partnerId = "aixin", kind = "goods", sku = Rice, quantity = 5 }))
            .AssertStatusAsync(HttpStatusCode.Created);
        var path = $"/api/communities/{shop.CommunityId}/activities";

        object Activity(string organizer, string sponsorshipId) =>
            new { id = "a1", title = "义诊", organizer = new { kind = "enterprise", name = organizer }, date = Yesterday, points = 5, sponsorshipId };

        await (await PostAsync(shop.Committee, path, Activity("别的企业", "budget"))).AssertProblemAsync(HttpStatusCode.Conflict, "sponsor-not-organizer");
        await (await PostAsync(shop.Committee, path, Activity(Sponsor, "rice-gift"))).AssertProblemAsync(HttpStatusCode.Conflict, "not-a-points-budget");
        await (await PostAsync(shop.Committee, path, Activity(Sponsor, "none"))).AssertProblemAsync(HttpStatusCode.NotFound, "sponsorship-not-found");
    }

    [Fact]
    public async Task Thirty_two_simultaneous_participants_on_a_budget_for_nine_award_exactly_nine_and_never_overdraw_it()
    {
        // 9 awards of 10 points fit in 95; the other 23 requests must be refused, and 5 points stay in the budget.
        using var shop = await ShopWithSponsorAsync(households: Counters, budget: 95);
        await ScheduleSponsoredAsync(shop, "clean-up", points: 10);

        var responses = await Task.WhenAll(Enumerable.Range(1, Counters).Select(n => ParticipateAsync(shop, "clean-up", n)));

        var outcomes = await OutcomesAsync(responses);
        Assert.Equal(9, outcomes.Count(o => o == "201"));
        Assert.Equal(23, outcomes.Count(o => o == "budget-exhausted"));
        var budget = await SponsorshipAsync(shop, shop.Auditor);
        Assert.Equal((95L, 90L, 5L), (budget.GetProperty("given").GetInt64(), budget.GetProperty("used").GetInt64(), budget.GetProperty("remaining").GetInt64()));
        var balances = new List<long>();
        for (var n = 1; n <= Counters; n++)
        {
            balances.Add((await shop.HouseholdAsync(n)).Balance);
        }

        Assert.Equal(9, balances.Count(b => b == 510));
        Assert.Equal(23, balances.Count(b => b == 500));
        Assert.True((await GetJsonAsync(shop.Auditor, "/api/audit/verify")).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task The_printed_statement_thanks_each_sponsor_for_the_points_it_funded_in_chinese_by_default()
    {
        using var shop = await ShopWithSponsorAsync(budget: 100);
        await ScheduleSponsoredAsync(shop, "haircut", points: 30);
        await (await ParticipateAsync(shop, "haircut", 1)).AssertStatusAsync(HttpStatusCode.Created);
        var path = $"/api/households/{shop.Passbook(1)}/statement?format=html";

        var chinese = await (await shop.Committee.GetAsync(path)).Content.ReadAsStringAsync();
        var english = await (await shop.Committee.GetAsync(path + "&lang=en")).Content.ReadAsStringAsync();

        Assert.Contains($"<p class=\"thanks\">感谢 {Sponsor} 资助本期积分 30 分</p>", chinese);
        Assert.Contains($"With thanks to {Sponsor}, who funded 30 points of this period", english);
    }
}
