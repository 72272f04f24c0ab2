using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    [Fact]
    public async Task The_committee_opens_a_household_at_zero_points_with_the_head_listed_first()
    {
        using var scenario = await ScenarioAsync();
        var passbook = NewId("pb");

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/households",
            new { passbook, headName = "王芳", members = new[] { "陈强", "王芳" }, address = "津海路 8 号" });

        var household = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/households/{passbook}", response.Headers.Location?.OriginalString);
        Assert.Equal(scenario.CommunityId, household.GetProperty("communityId").GetString());
        Assert.Equal(["王芳", "陈强"], household.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("津海路 8 号", household.GetProperty("address").GetString());
        Assert.Equal(0, household.GetProperty("balance").GetInt64());
        Assert.Equal(1, household.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Fields_a_client_must_not_set_on_a_household_are_ignored_and_never_stored()
    {
        using var scenario = await ScenarioAsync();
        var passbook = NewId("pb");
        var body = $$"""
            {"passbook":"{{passbook}}","headName":"赵敏","balance":987654,"earned":987654,"version":42,
             "communityId":"someone-else","recordedAt":"2001-02-03T04:05:06Z"}
            """;

        using var response = await scenario.Committee.PostRawJsonAsync($"/api/communities/{scenario.CommunityId}/households", body);

        var household = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(0, household.GetProperty("balance").GetInt64());
        Assert.Equal(0, household.GetProperty("earned").GetInt64());
        Assert.Equal(1, household.GetProperty("version").GetInt64());
        Assert.Equal(scenario.CommunityId, household.GetProperty("communityId").GetString());
        var stored = Assert.Single(await Api.Store.ReadStreamToListAsync(StreamIds.Household(passbook)));
        var data = System.Text.Json.JsonDocument.Parse(stored.Data).RootElement;
        Assert.Equal(["passbook", "communityId", "headName", "members"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(scenario.CommunityId, data.GetProperty("communityId").GetString());
        Assert.DoesNotContain("987654", stored.Data);
        Assert.DoesNotContain("someone-else", stored.Data);
        Assert.NotEqual(2001, stored.RecordedAt.Year);
        var read = await scenario.HouseholdAsync(passbook);
        Assert.Equal(0, read.GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task A_passbook_already_in_use_anywhere_in_the_ledger_is_a_409_household_exists_problem()
    {
        using var first = await ScenarioAsync();
        using var second = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await PostAsync(second.Committee, $"/api/communities/{second.CommunityId}/households",
            new { passbook = first.Passbook, headName = "冒名" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "household-exists");
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Theory]
    [InlineData("""{"passbook":"a/b","headName":"x"}""", "passbook")]
    [InlineData("""{"headName":"x"}""", "passbook")]
    [InlineData("""{"passbook":"ok-pb","headName":""}""", "headName")]
    [InlineData("""{"passbook":"ok-pb","headName":"x","members":[""]}""", "members[0]")]
    public async Task A_household_that_breaks_the_rules_is_a_400_validation_problem(string body, string field)
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await scenario.Committee.PostRawJsonAsync($"/api/communities/{scenario.CommunityId}/households", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task A_clerk_may_not_open_households()
    {
        using var scenario = await ScenarioAsync();

        using var response = await PostAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/households",
            new { passbook = NewId("pb"), headName = "x" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task The_clerk_committee_and_an_auditor_read_a_household_with_its_totals_and_the_admin_may_not()
    {
        using var scenario = await ScenarioAsync();
        await scenario.AwardAsync(scenario.Passbook, CleanUp);
        await scenario.AwardAsync(scenario.Passbook, CleanUp, Child);
        await scenario.AwardAsync(scenario.Passbook, Care, Spouse);
        await scenario.AwardAsync(scenario.Passbook, Litter);
        var auditor = await Api.IssueKeyAsync(Role.Auditor);
        using var auditorClient = Api.CreateClient(auditor.Key);
        using var admin = Api.CreateAdminClient();
        var path = $"/api/households/{scenario.Passbook}";

        foreach (var client in new[] { scenario.Clerk, scenario.Committee, auditorClient })
        {
            var household = await GetJsonAsync(client, path);
            Assert.Equal(5, household.GetProperty("balance").GetInt64());
            Assert.Equal(25, household.GetProperty("earned").GetInt64());
            Assert.Equal(20, household.GetProperty("deducted").GetInt64());
            Assert.Equal(0, household.GetProperty("corrected").GetInt64());
            Assert.Equal(0, household.GetProperty("redeemed").GetInt64());
            Assert.Equal(5, household.GetProperty("version").GetInt64());
        }

        using var byAdmin = await admin.GetAsync(path);
        await byAdmin.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task A_household_as_of_an_earlier_time_shows_the_balance_it_had_then()
    {
        using var scenario = await ScenarioAsync();
        var first = await scenario.AwardAsync(scenario.Passbook, CleanUp);
        var firstAt = (await Api.Store.ReadStreamToListAsync(StreamIds.Household(scenario.Passbook)))[^1].RecordedAt;
        await Task.Delay(20);
        await scenario.AwardAsync(scenario.Passbook, CleanUp);
        var asOf = Uri.EscapeDataString(firstAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz"));

        var then = await GetJsonAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}?asOf={asOf}");
        var now = await scenario.HouseholdAsync();

        Assert.Equal(first.GetProperty("balance").GetInt64(), then.GetProperty("balance").GetInt64());
        Assert.Equal(2, then.GetProperty("version").GetInt64());
        Assert.Equal(20, now.GetProperty("balance").GetInt64());
        Assert.True(then.TryGetProperty("asOf", out _));
    }

    [Fact]
    public async Task A_household_as_of_a_time_before_it_was_opened_is_404()
    {
        using var scenario = await ScenarioAsync();

        using var response = await scenario.Clerk.GetAsync($"/api/households/{scenario.Passbook}?asOf=2001-01-01T00:00:00Z");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2025-03-01T10:00:00")]
    [InlineData("2025-13-01T10:00:00Z")]
    public async Task An_as_of_that_is_not_an_iso_time_with_an_offset_is_a_400_naming_asOf(string asOf)
    {
        using var scenario = await ScenarioAsync();

        using var response = await scenario.Clerk.GetAsync($"/api/households/{scenario.Passbook}?asOf={Uri.EscapeDataString(asOf)}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty("asOf", out _));
    }

    [Fact]
    public async Task An_unencoded_plus_in_an_as_of_offset_is_still_read_as_plus()
    {
        using var scenario = await ScenarioAsync();

        using var response = await scenario.Clerk.GetAsync($"/api/households/{scenario.Passbook}?asOf=2999-01-01T00:00:00+08:00");

        await response.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_passbook_that_does_not_exist_is_a_404_household_not_found_problem()
    {
        using var scenario = await ScenarioAsync();

        using var response = await scenario.Clerk.GetAsync($"/api/households/{NewId("nobody")}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
    }
}
