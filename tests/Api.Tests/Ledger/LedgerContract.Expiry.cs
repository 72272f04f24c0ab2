using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

/// <summary>Points that expire (积分有效期) over HTTP, on both stores, at the host's real clock.</summary>
public abstract partial class LedgerContract<TApi>
{
    private static Task<HttpResponseMessage> SetPolicyAsync(HttpClient client, CommunityScenario scenario, object body) =>
        client.PutAsJsonAsync($"/api/communities/{scenario.CommunityId}/expiry-policy", body, LedgerJson.Options);

    private static async Task<JsonElement> RunExpiryAsync(CommunityScenario scenario)
    {
        using var response = await scenario.Committee.PostAsync($"/api/communities/{scenario.CommunityId}/expiry-runs", null);
        return await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_committee_sets_a_versioned_expiry_policy_and_bad_policies_are_400_with_nothing_recorded()
    {
        using var scenario = await ScenarioAsync();
        var path = $"/api/communities/{scenario.CommunityId}/expiry-policy";
        var initial = await GetJsonAsync(scenario.Clerk, path);
        using var byClerk = await SetPolicyAsync(scenario.Clerk, scenario, new { rule = "none" });
        var head = await Api.HeadAsync();
        using var unknown = await SetPolicyAsync(scenario.Committee, scenario, new { rule = "monthly" });
        using var tooLong = await SetPolicyAsync(scenario.Committee, scenario, new { rule = "end-of-year", afterYears = 11 });
        using var missing = await SetPolicyAsync(scenario.Committee, scenario, new { rule = "end-of-year" });
        using var stray = await SetPolicyAsync(scenario.Committee, scenario, new { rule = "none", afterYears = 1 });
        var unchanged = await Api.HeadAsync();
        using var set = await SetPolicyAsync(scenario.Committee, scenario, new { rule = "end-of-year", afterYears = 1 });
        using var again = await SetPolicyAsync(scenario.Committee, scenario, new { rule = "end-of-year", afterYears = 1 });
        var current = await GetJsonAsync(scenario.Clerk, path);

        Assert.Equal((0, "none"), (initial.GetProperty("version").GetInt32(), initial.GetProperty("rule").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        foreach (var bad in new[] { unknown, tooLong, missing, stray })
        {
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        }

        Assert.Equal(head, unchanged);
        var answer = await set.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal((1, true), (answer.GetProperty("version").GetInt32(), answer.GetProperty("changed").GetBoolean()));
        Assert.False((await again.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("changed").GetBoolean());
        Assert.Equal((1, "end-of-year", 1), (current.GetProperty("version").GetInt32(), current.GetProperty("rule").GetString(),
            current.GetProperty("afterYears").GetInt32()));
    }

    [Fact]
    public async Task Points_of_a_year_that_ended_expire_once_by_a_run_and_the_household_statement_and_list_show_it()
    {
        using var scenario = await ScenarioAsync();
        var today = CommunityCalendar.DateOf(DateTimeOffset.UtcNow, CommunityCalendar.DefaultTimeZone);
        var endOfThisYear = new DateOnly(today.Year, 12, 31);
        using (var set = await SetPolicyAsync(scenario.Committee, scenario, new { rule = "end-of-year", afterYears = 0 }))
        {
            await set.AssertStatusAsync(HttpStatusCode.OK);
        }

        await (await AwardOnAsync(scenario, new DateOnly(today.Year - 1, 3, 1))).AssertStatusAsync(HttpStatusCode.Created);
        await (await AwardOnAsync(scenario, today)).AssertStatusAsync(HttpStatusCode.Created);
        using var byClerk = await scenario.Clerk.PostAsync($"/api/communities/{scenario.CommunityId}/expiry-runs", null);

        var first = await RunExpiryAsync(scenario);
        var second = await RunExpiryAsync(scenario);
        var household = await scenario.HouseholdAsync();
        var statement = await GetJsonAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/statement");
        var expiring = await GetJsonAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/expiring?withinDays=366");
        using var badWindow = await scenario.Committee.GetAsync($"/api/communities/{scenario.CommunityId}/expiring?withinDays=0");
        using var listByClerk = await scenario.Clerk.GetAsync($"/api/communities/{scenario.CommunityId}/expiring");

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Equal((1, 5L), (first.GetProperty("households").GetInt32(), first.GetProperty("points").GetInt64()));
        Assert.Equal((0, 0L), (second.GetProperty("households").GetInt32(), second.GetProperty("points").GetInt64()));
        Assert.Equal((5L, 5L), (household.GetProperty("balance").GetInt64(), household.GetProperty("expired").GetInt64()));
        var soon = Assert.Single(household.GetProperty("expiring").EnumerateArray());
        Assert.Equal((endOfThisYear.ToString("O"), 5L), (soon.GetProperty("on").GetString(), soon.GetProperty("points").GetInt64()));
        var line = Assert.Single(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "expiry");
        Assert.Equal((-5L, 5L), (line.GetProperty("points").GetInt64(), line.GetProperty("runningBalance").GetInt64()));
        Assert.Equal($"{today.Year - 1}-12-31", line.GetProperty("description").GetString());
        var listed = Assert.Single(expiring.GetProperty("households").EnumerateArray());
        Assert.Equal((scenario.Passbook, 5L), (listed.GetProperty("passbook").GetString(), listed.GetProperty("points").GetInt64()));
        await badWindow.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.Equal(HttpStatusCode.Forbidden, listByClerk.StatusCode);
    }
}
