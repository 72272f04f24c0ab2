using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    // Care earns 5: the scenario's first level is two awards away.
    private const string StarLevelsBody = """{"levels":[{"stars":1,"points":10},{"stars":2,"points":15},{"stars":3,"points":30}]}""";

    private static string StarLevelsPath(CommunityScenario scenario) => $"/api/communities/{scenario.CommunityId}/star-levels";

    private static Task<HttpResponseMessage> PutStarLevelsAsync(HttpClient client, string path, string json) =>
        client.PutAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    private static async Task SetStarLevelsAsync(CommunityScenario scenario, string json = StarLevelsBody)
    {
        using var response = await PutStarLevelsAsync(scenario.Committee, StarLevelsPath(scenario), json);
        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_committee_sets_star_levels_as_version_1_the_same_again_changes_nothing_and_a_change_is_version_2()
    {
        using var scenario = await ScenarioAsync();
        var path = StarLevelsPath(scenario);

        var none = await GetJsonAsync(scenario.Clerk, path);
        using var set = await PutStarLevelsAsync(scenario.Committee, path, StarLevelsBody);
        var afterSet = await Api.HeadAsync();
        using var again = await PutStarLevelsAsync(scenario.Committee, path, StarLevelsBody);
        var afterRepeat = await Api.HeadAsync();
        using var changed = await PutStarLevelsAsync(scenario.Committee, path, """{"levels":[{"stars":1,"points":8}]}""");
        var read = await GetJsonAsync(scenario.Clerk, path);

        Assert.Equal((0, 0), (none.GetProperty("version").GetInt32(), none.GetProperty("levels").GetArrayLength()));
        var first = await set.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((1, true), (first.GetProperty("version").GetInt32(), first.GetProperty("changed").GetBoolean()));
        Assert.Equal([10L, 15L, 30L], first.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("points").GetInt64()));
        var repeat = await again.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((1, false), (repeat.GetProperty("version").GetInt32(), repeat.GetProperty("changed").GetBoolean()));
        Assert.Equal(afterSet, afterRepeat);
        Assert.Equal(2, (await changed.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("version").GetInt32());
        Assert.Equal(2, read.GetProperty("version").GetInt32());
        Assert.Equal(8, read.GetProperty("levels")[0].GetProperty("points").GetInt64());
        Assert.False(read.TryGetProperty("changed", out _), "A read does not say whether a setting changed anything.");
    }

    [Theory]
    [InlineData("""{}""", "levels")]
    [InlineData("""{"levels":[]}""", "levels")]
    [InlineData("""{"levels":[{"stars":1,"points":1},{"stars":2,"points":2},{"stars":3,"points":3},{"stars":4,"points":4},{"stars":5,"points":5},{"stars":6,"points":6}]}""", "levels")]
    [InlineData("""{"levels":[{"stars":1,"points":20},{"stars":2,"points":20}]}""", "levels")]
    [InlineData("""{"levels":[{"stars":2,"points":20}]}""", "levels")]
    [InlineData("""{"levels":[{"stars":1,"points":0}]}""", "levels[0].points")]
    [InlineData("""{"levels":[{"stars":1}]}""", "levels[0].points")]
    [InlineData("""{"levels":[{"points":5}]}""", "levels[0].stars")]
    [InlineData("""{"levels":[null]}""", "levels[0]")]
    public async Task Star_levels_that_break_the_rules_are_a_400_validation_problem_and_change_nothing(string body, string field)
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await PutStarLevelsAsync(scenario.Committee, StarLevelsPath(scenario), body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task Star_levels_need_a_key_401_are_set_only_by_the_committee_403_and_hidden_from_other_communities_403()
    {
        using var scenario = await ScenarioAsync();
        using var other = await ScenarioAsync();
        var auditor = await Api.IssueKeyAsync(Role.Auditor);
        using var auditorClient = Api.CreateClient(auditor.Key);
        using var admin = Api.CreateAdminClient();
        using var anonymous = Api.CreateClient(null);
        var path = StarLevelsPath(scenario);
        var before = await Api.HeadAsync();

        using (var response = await PutStarLevelsAsync(anonymous, path, StarLevelsBody))
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        }

        using (var response = await anonymous.GetAsync(path))
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        }

        foreach (var client in new[] { scenario.Clerk, auditorClient, admin, other.Committee })
        {
            using var response = await PutStarLevelsAsync(client, path, StarLevelsBody);
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        }

        using (var response = await other.Clerk.GetAsync(path))
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        }

        Assert.Equal(before, await Api.HeadAsync());
        await GetJsonAsync(auditorClient, path);
    }

    [Fact]
    public async Task Star_levels_of_a_community_that_does_not_exist_are_a_404()
    {
        using var admin = Api.CreateAdminClient();

        using var response = await admin.GetAsync($"/api/communities/{NewId("nowhere")}/star-levels");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "community-not-found");
    }

    [Fact]
    public async Task The_award_that_reaches_a_threshold_appends_the_level_with_it_and_the_household_shows_it_as_of_then()
    {
        using var scenario = await ScenarioAsync();
        await SetStarLevelsAsync(scenario);
        var first = await scenario.AwardAsync(scenario.Passbook, Care);
        var firstAt = (await Api.Store.ReadStreamToListAsync(StreamIds.Household(scenario.Passbook)))[^1].RecordedAt;
        await Task.Delay(20);

        var crossing = await scenario.AwardAsync(scenario.Passbook, Care);

        var stream = await Api.Store.ReadStreamToListAsync(StreamIds.Household(scenario.Passbook));
        var (award, reached) = (stream[^2], stream[^1]);
        Assert.Equal(("PointsAwarded.v3", "StarLevelReached.v1"), (award.Type, reached.Type));
        Assert.Equal(crossing.GetProperty("eventId").GetGuid(), award.EventId);
        // One append: consecutive global positions under the one request's correlation id.
        Assert.Equal(award.Position + 1, reached.Position);
        Assert.Equal(award.Metadata.CorrelationId, reached.Metadata.CorrelationId);
        Assert.Contains($"\"causedBy\":\"{award.EventId}\"", reached.Data);
        Assert.Equal(reached.StreamVersion, crossing.GetProperty("version").GetInt64());
        var asOf = Uri.EscapeDataString(firstAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz"));
        Assert.Equal(0, (await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}?asOf={asOf}")).GetProperty("starLevel").GetInt32());
        Assert.Equal(1, (await scenario.HouseholdAsync()).GetProperty("starLevel").GetInt32());
        Assert.NotEqual(first.GetProperty("eventId").GetGuid(), award.EventId);
        var board = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/leaderboard");
        var then = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/leaderboard?asOf={asOf}");
        Assert.Equal(1, board.GetProperty("entries")[0].GetProperty("starLevel").GetInt32());
        Assert.Equal(0, then.GetProperty("entries")[0].GetProperty("starLevel").GetInt32());
    }

    [Fact]
    public async Task Participation_lifts_every_household_that_crosses_a_threshold_in_the_one_append_and_no_other()
    {
        using var scenario = await ScenarioAsync();
        await SetStarLevelsAsync(scenario);
        var (near, far) = (await scenario.OpenHouseholdAsync(), await scenario.OpenHouseholdAsync());
        await scenario.AwardAsync(scenario.Passbook, Care);
        await scenario.AwardAsync(near, Care);
        var activity = await ScheduleAsync(scenario, points: 12);

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants",
            new { participants = new object[] { new { passbook = scenario.Passbook }, new { passbook = near }, new { passbook = far } } });

        await response.AssertStatusAsync(HttpStatusCode.Created);
        // 5 + 12 = 17 passes 10 and 15: the highest level reached is recorded, once; 12 alone passes only 10.
        Assert.Equal(2, (await scenario.HouseholdAsync()).GetProperty("starLevel").GetInt32());
        Assert.Equal(2, (await scenario.HouseholdAsync(near)).GetProperty("starLevel").GetInt32());
        Assert.Equal(1, (await scenario.HouseholdAsync(far)).GetProperty("starLevel").GetInt32());
        var events = (await Api.ReadAllEventsAsync()).Where(e => e.Metadata.CorrelationId == response.Headers.GetValues("X-Correlation-Id").Single()).ToList();
        Assert.Equal(3, events.Count(e => e.Type == "StarLevelReached.v1"));
        Assert.Equal(Enumerable.Range(0, events.Count).Select(i => events[0].Position + i), events.Select(e => e.Position));
    }

    [Fact]
    public async Task A_correction_below_the_threshold_keeps_the_level_reached()
    {
        using var scenario = await ScenarioAsync();
        await SetStarLevelsAsync(scenario);
        await scenario.AwardAsync(scenario.Passbook, Care);
        var crossing = await scenario.AwardAsync(scenario.Passbook, Care);

        using var corrected = await PostAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/corrections",
            new { eventId = crossing.GetProperty("eventId").GetGuid(), reason = "重复登记" });

        await corrected.AssertStatusAsync(HttpStatusCode.Created);
        var household = await scenario.HouseholdAsync();
        Assert.Equal((5L, 1), (household.GetProperty("balance").GetInt64(), household.GetProperty("starLevel").GetInt32()));
    }
}
