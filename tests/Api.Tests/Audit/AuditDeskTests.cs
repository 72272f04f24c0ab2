using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Testing;

namespace Ledger.Api.Tests.Audit;

/// <summary>The auditor's desk over HTTP: verify as a job with progress, and a household's points traced.</summary>
public sealed class AuditDeskTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    [Fact]
    public async Task A_verify_job_answers_at_once_and_its_poll_ends_with_the_report_that_finds_a_changed_event()
    {
        using var scenario = await CommunityScenario.CreateAsync(api);
        await scenario.AwardAsync(scenario.Passbook, CommunityScenario.Care);
        var auditor = api.CreateClient((await api.IssueKeyAsync(Role.Auditor, label: "审计")).Key);

        var clean = await RunJobAsync(auditor);
        Assert.True(clean.GetProperty("report").GetProperty("ok").GetBoolean(), clean.GetRawText());
        Assert.Equal(clean.GetProperty("events").GetInt64(), clean.GetProperty("report").GetProperty("events").GetInt64());

        Assert.True(SqliteTampering.AlterAwards(((SqliteBackend)api.Backend).FilePath, scenario.Passbook) > 0);
        var tampered = await RunJobAsync(auditor);

        var problem = tampered.GetProperty("report").GetProperty("problems").EnumerateArray()
            .Single(p => p.GetProperty("stream").GetString() == StreamIds.Household(scenario.Passbook));
        Assert.Equal("changed", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_expiry_changed_in_the_file_is_found_both_as_a_changed_event_and_as_an_expiry_its_lots_do_not_found()
    {
        // A ledger of its own: the class's shared file is tampered with by the other test.
        await using var own = new SqliteApi();
        await ((IAsyncLifetime)own).InitializeAsync();
        using var scenario = await CommunityScenario.CreateAsync(own);
        var committee = scenario.Committee;
        using (var set = await committee.PutAsJsonAsync(
            $"/api/communities/{scenario.CommunityId}/expiry-policy", new { rule = "end-of-year", afterYears = 0 }, LedgerJson.Options))
        {
            await set.AssertStatusAsync(HttpStatusCode.OK);
        }

        var lastYear = new DateOnly(DateTime.UtcNow.Year - 1, 3, 1);
        foreach (var on in new DateOnly?[] { lastYear, null })
        {
            using var award = await CommunityScenario.PostAsync(committee, $"/api/communities/{scenario.CommunityId}/awards",
                new { passbook = scenario.Passbook, ruleId = CommunityScenario.Care, occurredOn = on });
            await award.AssertStatusAsync(HttpStatusCode.Created);
        }

        using (var run = await committee.PostAsync($"/api/communities/{scenario.CommunityId}/expiry-runs", null))
        {
            await run.AssertStatusAsync(HttpStatusCode.OK);
        }

        var auditor = own.CreateClient((await own.IssueKeyAsync(Role.Auditor, label: "审计")).Key);
        var clean = await RunJobAsync(auditor);
        Assert.True(clean.GetProperty("report").GetProperty("ok").GetBoolean(), clean.GetRawText());

        Assert.Equal(1, SqliteTampering.AlterExpiries(((SqliteBackend)own.Backend).FilePath, scenario.Passbook));
        var tampered = await RunJobAsync(auditor);

        var kinds = tampered.GetProperty("report").GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("stream").GetString() == StreamIds.Household(scenario.Passbook))
            .Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Contains("changed", kinds);
        Assert.Contains("expiry-unfounded", kinds);
    }

    [Fact]
    public async Task A_trace_names_each_entry_s_rule_version_member_recorder_label_and_hash()
    {
        using var scenario = await CommunityScenario.CreateAsync(api);
        await scenario.AwardAsync(scenario.Passbook, CommunityScenario.CleanUp, member: CommunityScenario.Spouse);
        var auditor = api.CreateClient((await api.IssueKeyAsync(Role.Auditor, label: "审计")).Key);

        using var response = await auditor.GetAsync($"/api/audit/households/{scenario.Passbook}/trace");
        var trace = await response.AssertStatusAsync(HttpStatusCode.OK);

        var entry = trace.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "award");
        Assert.Equal(CommunityScenario.CleanUp, entry.GetProperty("ruleId").GetString());
        Assert.Equal(1, entry.GetProperty("ruleVersion").GetInt32());
        Assert.Equal(CommunityScenario.Spouse, entry.GetProperty("member").GetString());
        Assert.Equal(10, entry.GetProperty("points").GetInt64());
        Assert.Equal("评议小组", entry.GetProperty("recordedByLabel").GetString());
        var stored = (await api.ReadAllEventsAsync()).Single(e => e.EventId == entry.GetProperty("eventId").GetGuid());
        Assert.Equal(stored.Hash, entry.GetProperty("hash").GetString());
        Assert.Equal(stored.Position, entry.GetProperty("position").GetInt64());

        using var admin = api.CreateAdminClient();
        using var refused = await admin.GetAsync($"/api/audit/households/{scenario.Passbook}/trace");
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private static async Task<JsonElement> RunJobAsync(HttpClient auditor)
    {
        using var started = await auditor.PostAsync("/api/audit/verify-jobs", null);
        var job = await started.AssertStatusAsync(HttpStatusCode.Accepted);
        var location = started.Headers.Location!.ToString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (job.GetProperty("state").GetString() == "running" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            using var polled = await auditor.GetAsync(location);
            job = await polled.AssertStatusAsync(HttpStatusCode.OK);
        }

        Assert.Equal("done", job.GetProperty("state").GetString());
        return job;
    }
}
