using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

/// <summary>Partners (社区合伙人) registered and listed over HTTP, on both stores.</summary>
public abstract partial class LedgerContract<TApi>
{
    private static Task<HttpResponseMessage> RegisterPartnerAsync(CommunityScenario scenario, string id, string name, string kind) =>
        PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/partners", new { id, name, kind });

    [Fact]
    public async Task The_committee_registers_partners_of_each_kind_and_committee_clerk_and_auditor_list_them_by_id()
    {
        using var scenario = await ScenarioAsync();
        using var auditor = Api.CreateClient((await Api.IssueKeyAsync(Role.Auditor)).Key);

        var canteen = await (await RegisterPartnerAsync(scenario, "canteen", "长者食堂", "social-organisation")).AssertStatusAsync(HttpStatusCode.Created);
        await (await RegisterPartnerAsync(scenario, "barber", "长者发屋", "merchant")).AssertStatusAsync(HttpStatusCode.Created);
        await (await RegisterPartnerAsync(scenario, "bank", "龙湖农商行", "enterprise")).AssertStatusAsync(HttpStatusCode.Created);
        await (await RegisterPartnerAsync(scenario, "school", "龙湖中学", "partner-unit")).AssertStatusAsync(HttpStatusCode.Created);
        var path = $"/api/communities/{scenario.CommunityId}/partners";
        var lists = new[] { await GetJsonAsync(scenario.Committee, path), await GetJsonAsync(scenario.Clerk, path), await GetJsonAsync(auditor, path) };

        Assert.Equal(("canteen", "长者食堂", "social-organisation"),
            (canteen.GetProperty("id").GetString(), canteen.GetProperty("name").GetString(), canteen.GetProperty("kind").GetString()));
        Assert.True(canteen.TryGetProperty("registeredAt", out _));
        foreach (var list in lists)
        {
            Assert.Equal(["bank", "barber", "canteen", "school"],
                list.GetProperty("partners").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task A_partner_id_registered_twice_is_409_partner_exists_and_the_first_registration_stands()
    {
        using var scenario = await ScenarioAsync();
        await (await RegisterPartnerAsync(scenario, "barber", "长者发屋", "merchant")).AssertStatusAsync(HttpStatusCode.Created);
        var before = await Api.HeadAsync();

        using var again = await RegisterPartnerAsync(scenario, "barber", "另一家发屋", "enterprise");

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict, "partner-exists");
        Assert.Equal("barber", problem.GetProperty("partnerId").GetString());
        Assert.Equal(before, await Api.HeadAsync());
        var list = await GetJsonAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/partners");
        Assert.Equal("长者发屋", list.GetProperty("partners")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"id":"barber","name":"长者发屋","kind":"shop"}""")]
    [InlineData("""{"id":"barber","name":"长者发屋"}""")]
    [InlineData("""{"id":"barber","name":"","kind":"merchant"}""")]
    [InlineData("""{"id":"bad id!","name":"长者发屋","kind":"merchant"}""")]
    public async Task A_partner_with_a_bad_kind_name_or_id_is_400_and_records_nothing(string body)
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await scenario.Committee.PostRawJsonAsync($"/api/communities/{scenario.CommunityId}/partners", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_clerk_may_not_register_a_partner_and_another_communitys_committee_may_not_list_them()
    {
        using var scenario = await ScenarioAsync();
        using var other = await ScenarioAsync();

        using var byClerk = await PostAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/partners",
            new { id = "barber", name = "长者发屋", kind = "merchant" });
        using var byOther = await other.Committee.GetAsync($"/api/communities/{scenario.CommunityId}/partners");

        await byClerk.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await byOther.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }
}
