using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    private static object Activity(string id, long points = 8) =>
        new { id, title = "河道清洁", organizer = new { kind = "partner-unit", name = "区税务局" }, date = "2025-03-15", points };

    private static async Task<string> ScheduleAsync(CommunityScenario scenario, long points = 8)
    {
        var id = NewId("act");
        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities", Activity(id, points));
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return id;
    }

    [Fact]
    public async Task The_committee_schedules_an_activity_which_anyone_of_the_community_reads_with_no_participants_yet()
    {
        using var scenario = await ScenarioAsync();
        var id = NewId("act");

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities", Activity(id));
        var activity = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/activities/{id}");

        var scheduled = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/communities/{scenario.CommunityId}/activities/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("partner-unit", scheduled.GetProperty("organizer").GetProperty("kind").GetString());
        Assert.Equal("2025-03-15", activity.GetProperty("date").GetString());
        Assert.Equal(8, activity.GetProperty("points").GetInt64());
        Assert.Equal(0, activity.GetProperty("participants").GetArrayLength());
    }

    [Fact]
    public async Task Scheduling_an_activity_id_twice_is_a_409_activity_exists_problem()
    {
        using var scenario = await ScenarioAsync();
        var id = await ScheduleAsync(scenario);

        using var response = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities", Activity(id));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "activity-exists");
    }

    [Theory]
    [InlineData("""{"id":"a1","title":"t","date":"2025-03-15","points":5}""", "organizer")]
    [InlineData("""{"id":"a1","title":"t","organizer":{"name":"n"},"date":"2025-03-15","points":5}""", "organizer.kind")]
    [InlineData("""{"id":"a1","title":"t","organizer":{"kind":"enterprise","name":""},"date":"2025-03-15","points":5}""", "organizer.name")]
    [InlineData("""{"id":"a1","title":"t","organizer":{"kind":"enterprise","name":"n"},"points":5}""", "date")]
    [InlineData("""{"id":"a1","title":"t","organizer":{"kind":"enterprise","name":"n"},"date":"2025-03-15","points":0}""", "points")]
    [InlineData("""{"id":"a1","title":"","organizer":{"kind":"enterprise","name":"n"},"date":"2025-03-15","points":5}""", "title")]
    public async Task An_activity_that_breaks_the_rules_is_a_400_validation_problem(string body, string field)
    {
        using var scenario = await ScenarioAsync();
        var before = await Api.HeadAsync();

        using var response = await scenario.Committee.PostRawJsonAsync($"/api/communities/{scenario.CommunityId}/activities", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task An_unknown_activity_is_a_404_activity_not_found_problem()
    {
        using var scenario = await ScenarioAsync();

        using var read = await scenario.Clerk.GetAsync($"/api/communities/{scenario.CommunityId}/activities/none");
        using var add = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities/none/participants",
            new { participants = new[] { new { passbook = scenario.Passbook } } });

        await read.AssertProblemAsync(HttpStatusCode.NotFound, "activity-not-found");
        await add.AssertProblemAsync(HttpStatusCode.NotFound, "activity-not-found");
    }

    [Fact]
    public async Task Adding_participants_awards_each_once_reports_the_rest_and_answers_201()
    {
        using var scenario = await ScenarioAsync();
        var other = await scenario.OpenHouseholdAsync();
        var activity = await ScheduleAsync(scenario);
        var ghost = NewId("ghost");

        using var response = await PostAsync(scenario.Committee,
            $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants", new
            {
                participants = new object[]
                {
                    new { passbook = scenario.Passbook }, new { passbook = scenario.Passbook, member = Child },
                    new { passbook = other, member = Spouse }, new { passbook = ghost }, new { passbook = other, member = "陌生人" },
                },
            });

        var report = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(8, report.GetProperty("points").GetInt64());
        Assert.Equal(
            [(scenario.Passbook, Head), (scenario.Passbook, Child), (other, Spouse)],
            report.GetProperty("awarded").EnumerateArray().Select(a => (a.GetProperty("passbook").GetString(), a.GetProperty("member").GetString())));
        Assert.Equal(
            [(ghost, "household-not-found"), (other, "member-not-found")],
            report.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("passbook").GetString(), r.GetProperty("reason").GetString())));
        Assert.Equal(16, (await scenario.HouseholdAsync()).GetProperty("balance").GetInt64());
        Assert.Equal(8, (await scenario.HouseholdAsync(other)).GetProperty("balance").GetInt64());
        var read = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/activities/{activity}");
        Assert.Equal(3, read.GetProperty("participants").GetArrayLength());
        var community = await GetJsonAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}");
        Assert.Equal(3, community.GetProperty("participations").GetInt64());
    }

    [Fact]
    public async Task Adding_the_same_participants_again_is_200_already_awarded_and_appends_nothing()
    {
        using var scenario = await ScenarioAsync();
        var activity = await ScheduleAsync(scenario);
        var path = $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants";
        var body = new { participants = new[] { new { passbook = scenario.Passbook, member = (string?)null }, new { passbook = scenario.Passbook, member = (string?)Spouse } } };
        using var first = await PostAsync(scenario.Committee, path, body);
        await first.AssertStatusAsync(HttpStatusCode.Created);
        var before = await Api.HeadAsync();

        using var again = await PostAsync(scenario.Committee, path, body);

        var report = await again.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("awarded").GetArrayLength());
        Assert.Equal(2, report.GetProperty("alreadyAwarded").GetArrayLength());
        Assert.Equal(before, await Api.HeadAsync());
        Assert.Equal(16, (await scenario.HouseholdAsync()).GetProperty("balance").GetInt64());
    }

    [Theory]
    [InlineData(0, "participants")]
    [InlineData(501, "participants")]
    public async Task Participants_must_number_1_to_500(int count, string field)
    {
        using var scenario = await ScenarioAsync();
        var activity = await ScheduleAsync(scenario);
        var participants = Enumerable.Range(0, count).Select(i => new { passbook = $"pb-{i}" }).ToArray();

        using var response = await PostAsync(scenario.Committee,
            $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants", new { participants });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_null_or_malformed_participant_is_a_400_naming_its_place()
    {
        using var scenario = await ScenarioAsync();
        var activity = await ScheduleAsync(scenario);

        using var response = await scenario.Committee.PostRawJsonAsync(
            $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants",
            $$"""{"participants":[{"passbook":"{{scenario.Passbook}}"},null,{"passbook":"bad id"}]}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Contains("participants[1].passbook", errors);
        Assert.Contains("participants[2].passbook", errors);
    }

    [Fact]
    public async Task A_clerk_may_neither_schedule_activities_nor_add_participants()
    {
        using var scenario = await ScenarioAsync();
        var activity = await ScheduleAsync(scenario);

        using var schedule = await PostAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/activities", Activity(NewId("act")));
        using var add = await PostAsync(scenario.Clerk, $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants",
            new { participants = new[] { new { passbook = scenario.Passbook } } });

        await schedule.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await add.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }
}
