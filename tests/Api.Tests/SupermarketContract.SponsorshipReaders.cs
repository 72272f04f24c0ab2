using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests;

/// <summary>Who reads sponsorships on both stores: the committee all of them, a partner key only its own partner's.</summary>
public abstract partial class SupermarketContract<TApi>
{
    [Fact]
    public async Task A_partner_reads_its_own_sponsorships_and_another_partners_key_neither_reads_nor_lists_them()
    {
        using var shop = await ShopWithSponsorAsync(budget: 50);
        await shop.Committee.RegisterPartnerAsync(shop.CommunityId, "canteen", "长者食堂");
        await (await RecordSponsorshipAsync(shop, new { id = "meals", partnerId = "canteen", kind = "points", points = 30 })).AssertStatusAsync(HttpStatusCode.Created);
        using var sponsor = Api.CreateClient((await Api.IssuePartnerKeyAsync(shop.CommunityId, "aixin", Sponsor)).Key);
        using var canteen = Api.CreateClient((await Api.IssuePartnerKeyAsync(shop.CommunityId, "canteen", "长者食堂")).Key);
        var path = $"/api/communities/{shop.CommunityId}/sponsorships";

        var own = await SponsorshipAsync(shop, sponsor);
        using var others = await canteen.GetAsync($"{path}/budget");
        var sponsorList = await GetJsonAsync(sponsor, path);
        var canteenList = await GetJsonAsync(canteen, path);
        var committeeList = await GetJsonAsync(shop.Committee, path);

        Assert.Equal((Sponsor, 50L), (own.GetProperty("sponsorName").GetString(), own.GetProperty("given").GetInt64()));
        await others.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        static IEnumerable<string?> Ids(JsonElement list) => list.GetProperty("sponsorships").EnumerateArray().Select(s => s.GetProperty("id").GetString());
        Assert.Equal(["budget"], Ids(sponsorList));
        Assert.Equal(["meals"], Ids(canteenList));
        Assert.Equal(["budget", "meals"], Ids(committeeList));
    }
}
