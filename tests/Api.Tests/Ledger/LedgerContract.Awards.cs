using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    [Fact]
    public async Task An_award_is_201_with_the_entry_its_member_and_the_new_balance()
    {
        using var scenario = await ScenarioAsync();

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
            new { passbook = scenario.Passbook, ruleId = CleanUp, member = Spouse, note = "清理河道垃圾" });

        var entry = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/households/{scenario.Passbook}/statement", response.Headers.Location?.OriginalString);
        Assert.Equal("award", entry.GetProperty("kind").GetString());
        Assert.Equal(Spouse, entry.GetProperty("member").GetString());
        Assert.Equal(10, entry.GetProperty("points").GetInt64());
        Assert.Equal(10, entry.GetProperty("balance").GetInt64());
        Assert.Equal(1, entry.GetProperty("ruleVersion").GetInt32());
        var stored = (await Api.Store.ReadStreamToListAsync(StreamIds.Household(scenario.Passbook)))[^1];
        Assert.Equal(entry.GetProperty("eventId").GetGuid(), stored.EventId);
        Assert.Equal("PointsAwarded.v3", stored.Type);
    }

    [Fact]
    public async Task An_award_without_a_member_goes_to_the_head_and_a_deduction_is_negative()
    {
        using var scenario = await ScenarioAsync();
        await scenario.AwardAsync(scenario.Passbook, Care);
        await scenario.AwardAsync(scenario.Passbook, CleanUp);
        await scenario.AwardAsync(scenario.Passbook, CleanUp);

        var deduction = await scenario.AwardAsync(scenario.Passbook, Litter, Child);

        Assert.Equal("deduction", deduction.GetProperty("kind").GetString());
        Assert.Equal(Child, deduction.GetProperty("member").GetString());
        Assert.Equal(-20, deduction.GetProperty("points").GetInt64());
        Assert.Equal(5, deduction.GetProperty("balance").GetInt64());
        var household = await scenario.HouseholdAsync();
        Assert.Equal(25, household.GetProperty("earned").GetInt64());
        Assert.Equal(20, household.GetProperty("deducted").GetInt64());
    }

    [Fact]
    public async Task An_award_past_the_monthly_cap_is_a_409_monthly_cap_reached_problem_and_appends_nothing()
    {
        using var scenario = await ScenarioAsync();
        for (var i = 0; i < 3; i++)
        {
            await scenario.AwardAsync(scenario.Passbook, CleanUp);
        }

        var before = await Api.HeadAsync();

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
            new { passbook = scenario.Passbook, ruleId = CleanUp });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "monthly-cap-reached");
        Assert.Equal(30, problem.GetProperty("monthlyCap").GetInt64());
        Assert.Equal(30, problem.GetProperty("earnedThisMonth").GetInt64());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_deduction_larger_than_the_balance_is_a_409_insufficient_points_problem_under_the_default_policy()
    {
        using var scenario = await ScenarioAsync();
        await scenario.AwardAsync(scenario.Passbook, CleanUp);
        var before = await Api.HeadAsync();

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
            new { passbook = scenario.Passbook, ruleId = Litter });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-points");
        Assert.Equal(10, problem.GetProperty("balance").GetInt64());
        Assert.Equal(20, problem.GetProperty("needed").GetInt64());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Theory]
    [InlineData("no-such-rule", null, HttpStatusCode.NotFound, "points-item-not-found")]
    [InlineData(CleanUp, "陌生人", HttpStatusCode.UnprocessableEntity, "member-not-found")]
    public async Task An_award_for_an_unknown_item_or_member_is_refused_and_appends_nothing(
        string ruleId, string? member, HttpStatusCode status, string slug)
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
            new { passbook = scenario.Passbook, ruleId, member });

        await response.AssertProblemAsync(status, slug);
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task An_award_to_an_unknown_passbook_is_a_404_household_not_found_problem()
    {
        using var scenario = await ScenarioAsync();

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
            new { passbook = NewId("ghost"), ruleId = CleanUp });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
    }

    [Theory]
    [InlineData("""{"ruleId":"clean-up"}""", "passbook")]
    [InlineData("""{"passbook":"x","ruleId":"not an id"}""", "ruleId")]
    [InlineData("""{"passbook":"x","ruleId":"clean-up","member":""}""", "member")]
    public async Task An_award_that_breaks_the_rules_is_a_400_validation_problem(string body, string field)
    {
        using var scenario = await ScenarioAsync();

        using var response = await scenario.Committee.PostRawJsonAsync($"/api/communities/{scenario.CommunityId}/awards", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_clerk_may_not_award_points()
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await PostAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/awards",
            new { passbook = scenario.Passbook, ruleId = Care });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task Sixteen_simultaneous_awards_to_one_household_all_land_exactly_once()
    {
        using var scenario = await ScenarioAsync();
        const int awards = 16;
        using var start = new SemaphoreSlim(0);

        var requests = Enumerable.Range(0, awards).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
                new { passbook = scenario.Passbook, ruleId = Care, note = $"第 {i} 次" });
            return await response.AssertStatusAsync(HttpStatusCode.Created);
        }).ToList();
        start.Release(awards);
        var entries = await Task.WhenAll(requests);

        Assert.Equal(awards, entries.Select(e => e.GetProperty("eventId").GetGuid()).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, awards).Select(i => 5L * i), entries.Select(e => e.GetProperty("balance").GetInt64()).Order());
        var household = await scenario.HouseholdAsync();
        Assert.Equal(5 * awards, household.GetProperty("balance").GetInt64());
        var stream = await Api.Store.ReadStreamToListAsync(StreamIds.Household(scenario.Passbook));
        Assert.Equal(awards, stream.Count(e => e.Type == "PointsAwarded.v3"));
        Assert.Equal(awards, stream.Select(e => e.Data).Where(d => d.Contains("第 ")).Distinct().Count());
    }
}
