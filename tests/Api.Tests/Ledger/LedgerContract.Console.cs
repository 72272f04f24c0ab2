using System.Net;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests.Ledger;

/// <summary>What the committee console reads: household search, the activity list, monthly caps left, the passbook QR code.</summary>
public abstract partial class LedgerContract<TApi>
{
    [Fact]
    public async Task Households_are_found_by_passbook_head_or_member_name_ignoring_case_an_exact_passbook_first()
    {
        using var scenario = await ScenarioAsync();
        var other = await scenario.OpenHouseholdAsync(scenario.Passbook + "-B");
        var path = $"/api/communities/{scenario.CommunityId}/households";

        var byMember = await CommunityScenario.GetJsonAsync(scenario.Clerk, $"{path}?q={Uri.EscapeDataString("小明")}");
        var byPassbook = await CommunityScenario.GetJsonAsync(scenario.Committee, $"{path}?q={scenario.Passbook.ToUpperInvariant()}");
        var none = await CommunityScenario.GetJsonAsync(scenario.Committee, $"{path}?q={Uri.EscapeDataString("%_")}");
        var cut = await CommunityScenario.GetJsonAsync(scenario.Committee, $"{path}?limit=1");

        Assert.Equal([scenario.Passbook, other], Passbooks(byMember));
        var found = byMember.GetProperty("households")[0];
        Assert.Equal(CommunityScenario.Head, found.GetProperty("headName").GetString());
        Assert.Equal([CommunityScenario.Head, CommunityScenario.Spouse, CommunityScenario.Child],
            found.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal([scenario.Passbook, other], Passbooks(byPassbook));
        Assert.Empty(Passbooks(none));
        Assert.Equal([scenario.Passbook], Passbooks(cut));
        Assert.True(cut.GetProperty("truncated").GetBoolean());
        Assert.False(byMember.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Household_search_sees_only_its_own_community_and_refuses_bad_limits()
    {
        using var mine = await ScenarioAsync();
        using var theirs = await ScenarioAsync();
        var auditor = Api.CreateClient((await Api.IssueKeyAsync(Role.Auditor)).Key);

        using var foreign = await mine.Committee.GetAsync($"/api/communities/{theirs.CommunityId}/households");
        using var tooMany = await mine.Committee.GetAsync($"/api/communities/{mine.CommunityId}/households?limit=5001");
        using var admin = await Api.CreateAdminClient().GetAsync($"/api/communities/{mine.CommunityId}/households");
        var audited = await CommunityScenario.GetJsonAsync(auditor, $"/api/communities/{theirs.CommunityId}/households?q={theirs.Passbook}");

        await foreign.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        await admin.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        Assert.Equal([theirs.Passbook], Passbooks(audited));
    }

    [Fact]
    public async Task The_activity_list_shows_each_activity_with_its_participations_latest_date_first()
    {
        using var scenario = await ScenarioAsync();
        var activities = $"/api/communities/{scenario.CommunityId}/activities";
        foreach (var (id, date) in new[] { ("a-early", "2025-03-01"), ("a-late", "2025-03-15") })
        {
            using var scheduled = await CommunityScenario.PostAsync(scenario.Committee, activities,
                new { id, title = "河道清洁", organizer = new { kind = "partner-unit", name = "区税务局" }, date, points = 8 });
            await scheduled.AssertStatusAsync(HttpStatusCode.Created);
        }

        using var added = await CommunityScenario.PostAsync(scenario.Committee, $"{activities}/a-early/participants",
            new { participants = new object[] { new { passbook = scenario.Passbook }, new { passbook = scenario.Passbook, member = CommunityScenario.Child } } });
        await added.AssertStatusAsync(HttpStatusCode.Created);

        var list = (await CommunityScenario.GetJsonAsync(scenario.Clerk, activities)).GetProperty("activities").EnumerateArray().ToList();

        Assert.Equal(["a-late", "a-early"], list.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal([0, 2], list.Select(a => a.GetProperty("participants").GetInt64()));
        Assert.Equal("partner-unit", list[0].GetProperty("organizer").GetProperty("kind").GetString());
        Assert.Equal("2025-03-15", list[0].GetProperty("date").GetString());
    }

    [Fact]
    public async Task Monthly_caps_say_what_each_earning_item_leaves_the_household_this_month_as_the_award_enforces_it()
    {
        using var scenario = await ScenarioAsync();
        await scenario.AwardAsync(scenario.Passbook, CommunityScenario.CleanUp);
        var reversed = await scenario.AwardAsync(scenario.Passbook, CommunityScenario.CleanUp);
        using var corrected = await CommunityScenario.PostAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/corrections",
            new { eventId = reversed.GetProperty("eventId").GetGuid(), reason = "重复录入" });
        await corrected.AssertStatusAsync(HttpStatusCode.Created);

        var caps = await CommunityScenario.GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/monthly-caps");

        var items = caps.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("ruleId").GetString()!);
        Assert.Equal([CommunityScenario.Care, CommunityScenario.CleanUp], items.Keys.Order());
        Assert.Equal(10, items[CommunityScenario.CleanUp].GetProperty("earnedThisMonth").GetInt64());
        Assert.Equal(20, items[CommunityScenario.CleanUp].GetProperty("left").GetInt64());
        Assert.False(items[CommunityScenario.Care].TryGetProperty("left", out _)); // no cap, nothing left to count
        Assert.Matches(@"^\d{4}-\d{2}$", caps.GetProperty("month").GetString()!);

        await scenario.AwardAsync(scenario.Passbook, CommunityScenario.CleanUp);
        await scenario.AwardAsync(scenario.Passbook, CommunityScenario.CleanUp);
        using var refused = await CommunityScenario.PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
            new { passbook = scenario.Passbook, ruleId = CommunityScenario.CleanUp });
        var after = await CommunityScenario.GetJsonAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/monthly-caps");
        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "monthly-cap-reached");
        Assert.Equal(0, after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("ruleId").GetString() == CommunityScenario.CleanUp)
            .GetProperty("left").GetInt64());
    }

    [Fact]
    public async Task The_passbook_QR_code_is_an_SVG_for_keys_that_may_read_the_household_and_404_to_other_communities()
    {
        using var scenario = await ScenarioAsync();
        using var other = await ScenarioAsync();

        using var svg = await scenario.Clerk.GetAsync($"/api/households/{scenario.Passbook}/qr.svg");
        using var foreign = await other.Committee.GetAsync($"/api/households/{scenario.Passbook}/qr.svg");
        using var caps = await other.Committee.GetAsync($"/api/households/{scenario.Passbook}/monthly-caps");

        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await svg.Content.ReadAsStringAsync()).TrimStart());
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
        await caps.AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
    }

    private static IEnumerable<string?> Passbooks(JsonElement answer) =>
        answer.GetProperty("households").EnumerateArray().Select(h => h.GetProperty("passbook").GetString()).ToList();
}
