using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    [Fact]
    public async Task A_new_item_is_201_the_same_definition_again_is_200_unchanged_and_a_revision_is_201_version_2()
    {
        using var scenario = await ScenarioAsync();
        var path = $"/api/communities/{scenario.CommunityId}/rules";
        var body = new { id = "greening", name = "绿化养护", category = "人居环境", points = 6, monthlyCap = 18 };

        using var defined = await PostAsync(scenario.Committee, path, body);
        var afterDefinition = await Api.HeadAsync();
        using var again = await PostAsync(scenario.Committee, path, body);
        var afterRepeat = await Api.HeadAsync();
        using var revised = await PostAsync(scenario.Committee, path, body with { points = 8 });

        var first = await defined.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.True(first.GetProperty("changed").GetBoolean());
        Assert.Equal(path, defined.Headers.Location?.OriginalString);
        var repeat = await again.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, repeat.GetProperty("version").GetInt32());
        Assert.False(repeat.GetProperty("changed").GetBoolean());
        Assert.Equal(afterDefinition, afterRepeat);
        var revision = await revised.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(2, revision.GetProperty("version").GetInt32());
        Assert.Equal(8, revision.GetProperty("points").GetInt64());
    }

    [Fact]
    public async Task The_rules_list_shows_the_current_version_of_each_item_to_any_key_of_the_community()
    {
        using var scenario = await ScenarioAsync();
        await scenario.DefineRuleAsync(Care, "关爱老人", "志愿服务", 7);

        var rules = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/rules");

        var ids = rules.EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal([Care, CleanUp, Litter], ids);
        var care = rules.EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == Care);
        Assert.Equal(2, care.GetProperty("version").GetInt32());
        Assert.Equal(7, care.GetProperty("points").GetInt64());
        Assert.False(care.TryGetProperty("changed", out _), "A listing does not say whether a definition changed anything.");
        var litter = rules.EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == Litter);
        Assert.Equal(-20, litter.GetProperty("points").GetInt64());
    }

    [Theory]
    [InlineData("""{"id":"bad id","name":"n","category":"c","points":5}""", "id")]
    [InlineData("""{"id":"ok","name":"n","category":"c","points":0}""", "points")]
    [InlineData("""{"id":"ok","name":"n","category":"c"}""", "points")]
    [InlineData("""{"id":"ok","name":"n","category":"c","points":1000001}""", "points")]
    [InlineData("""{"id":"ok","name":"","category":"c","points":5}""", "name")]
    [InlineData("""{"id":"ok","name":"n","points":5}""", "category")]
    [InlineData("""{"id":"ok","name":"n","category":"c","points":-5,"monthlyCap":10}""", "monthlyCap")]
    [InlineData("""{"id":"ok","name":"n","category":"c","points":10,"monthlyCap":5}""", "monthlyCap")]
    public async Task An_item_that_breaks_the_rules_is_a_400_validation_problem_naming_the_body_field(string body, string field)
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await scenario.Committee.PostRawJsonAsync($"/api/communities/{scenario.CommunityId}/rules", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task Only_the_committee_defines_items_a_clerk_auditor_or_admin_gets_403()
    {
        using var scenario = await ScenarioAsync();
        var auditor = await Api.IssueKeyAsync(Role.Auditor);
        using var auditorClient = Api.CreateClient(auditor.Key);
        using var admin = Api.CreateAdminClient();
        var before = await Api.HeadAsync();

        foreach (var client in new[] { scenario.Clerk, auditorClient, admin })
        {
            using var response = await client.PostRawJsonAsync(
                $"/api/communities/{scenario.CommunityId}/rules", """{"id":"sneaky","name":"n","category":"c","points":100}""");
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        }

        Assert.Equal(before, await Api.HeadAsync());
    }
}
