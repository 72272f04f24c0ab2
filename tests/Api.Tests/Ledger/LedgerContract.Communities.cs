using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    [Fact]
    public async Task The_admin_registers_a_community_which_answers_201_with_its_location_zone_and_zero_counts()
    {
        var id = NewId("c");
        using var admin = Api.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/communities",
            new { id, name = "津海社区", district = "龙湖区", street = "龙腾街道", timeZone = "Asia/Urumqi" }, LedgerJson.Options);

        var community = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/communities/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("津海社区", community.GetProperty("name").GetString());
        Assert.Equal("Asia/Urumqi", community.GetProperty("timeZone").GetString());
        Assert.Equal("refuse", community.GetProperty("deductionPolicy").GetString());
        Assert.Equal(0, community.GetProperty("households").GetInt64());
    }

    [Fact]
    public async Task A_community_registered_without_a_zone_lives_in_Asia_Shanghai()
    {
        using var scenario = await ScenarioAsync();

        var community = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}");

        Assert.Equal(CommunityCalendar.DefaultTimeZone, community.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task A_community_read_by_its_keys_the_auditor_and_the_admin_shows_its_counts()
    {
        using var scenario = await ScenarioAsync();
        await scenario.OpenHouseholdAsync();
        var auditor = await Api.IssueKeyAsync(Role.Auditor);
        using var auditorClient = Api.CreateClient(auditor.Key);
        using var admin = Api.CreateAdminClient();
        var path = $"/api/communities/{scenario.CommunityId}";

        foreach (var client in new[] { scenario.Committee, scenario.Clerk, auditorClient, admin })
        {
            var community = await GetJsonAsync(client, path);
            Assert.Equal(scenario.CommunityId, community.GetProperty("id").GetString());
            Assert.Equal(2, community.GetProperty("households").GetInt64());
            Assert.Equal(3, community.GetProperty("pointsItems").GetInt64());
            Assert.Equal(0, community.GetProperty("activities").GetInt64());
        }
    }

    [Fact]
    public async Task Registering_a_community_id_twice_is_a_409_community_exists_problem_and_appends_nothing()
    {
        using var scenario = await ScenarioAsync();
        using var admin = Api.CreateAdminClient();
        var before = await Api.HeadAsync();

        using var response = await admin.PostRawJsonAsync(
            "/api/communities", $$"""{"id":"{{scenario.CommunityId}}","name":"另一个","district":"龙湖区","street":"外砂街道"}""");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "community-exists");
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Theory]
    [InlineData("""{"id":"has space","name":"n","district":"d","street":"s"}""", "id")]
    [InlineData("""{"id":"ok-id","district":"d","street":"s"}""", "name")]
    [InlineData("""{"id":"ok-id","name":"n","street":"s"}""", "district")]
    [InlineData("""{"id":"ok-id","name":"n","district":"d","street":""}""", "street")]
    [InlineData("""{"id":"ok-id","name":"n","district":"d","street":"s","timeZone":"Mars/Olympus"}""", "timeZone")]
    public async Task A_community_that_breaks_the_rules_is_a_400_validation_problem_naming_the_field(string body, string field)
    {
        using var admin = Api.CreateAdminClient();
        var before = await Api.HeadAsync();

        using var response = await admin.PostRawJsonAsync("/api/communities", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task Only_the_admin_registers_communities_and_a_request_without_a_key_is_401()
    {
        using var scenario = await ScenarioAsync();
        using var anonymous = Api.CreateClient(apiKey: null);
        const string body = """{"id":"never-registered","name":"n","district":"d","street":"s"}""";

        using var byCommittee = await scenario.Committee.PostRawJsonAsync("/api/communities", body);
        using var byNobody = await anonymous.PostRawJsonAsync("/api/communities", body);

        await byCommittee.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await byNobody.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task A_community_that_does_not_exist_is_a_404_community_not_found_problem()
    {
        using var admin = Api.CreateAdminClient();

        using var response = await admin.GetAsync($"/api/communities/{NewId("none")}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.CommunityNotFound);
    }

    [Fact]
    public async Task The_committee_sets_stop_at_zero_after_which_a_large_deduction_empties_the_balance_and_records_both_amounts()
    {
        using var scenario = await ScenarioAsync();
        await scenario.AwardAsync(scenario.Passbook, CleanUp);

        using var set = await scenario.Committee.PutAsJsonAsync(
            $"/api/communities/{scenario.CommunityId}/deduction-policy", new { policy = "stop-at-zero" });
        var deduction = await scenario.AwardAsync(scenario.Passbook, Litter);

        var policy = await set.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("stop-at-zero", policy.GetProperty("policy").GetString());
        Assert.Equal(-10, deduction.GetProperty("points").GetInt64());
        Assert.Equal(20, deduction.GetProperty("requested").GetInt64());
        Assert.Equal(0, deduction.GetProperty("balance").GetInt64());
        var community = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}");
        Assert.Equal("stop-at-zero", community.GetProperty("deductionPolicy").GetString());
    }

    [Theory]
    [InlineData("""{}""", HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed)]
    [InlineData("""{"policy":"forgive"}""", HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest)]
    public async Task A_deduction_policy_that_is_missing_or_unknown_is_a_400_problem(string body, HttpStatusCode status, string slug)
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await scenario.Committee.PutAsync(
            $"/api/communities/{scenario.CommunityId}/deduction-policy", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(status, slug);
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_clerk_may_not_set_the_deduction_policy()
    {
        using var scenario = await ScenarioAsync();

        using var response = await scenario.Clerk.PutAsJsonAsync(
            $"/api/communities/{scenario.CommunityId}/deduction-policy", new { policy = "stop-at-zero" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }
}
