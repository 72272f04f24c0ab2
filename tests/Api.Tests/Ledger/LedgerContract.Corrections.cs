using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    private static Task<HttpResponseMessage> CorrectAsync(CommunityScenario scenario, Guid eventId, string reason = "误录，经评议小组核实撤销", string? key = null) =>
        PostAsync(scenario.Committee, $"/api/households/{scenario.Passbook}/corrections", new { eventId, reason }, key);

    [Fact]
    public async Task A_correction_reverses_an_award_and_answers_201_with_the_balance_after_it()
    {
        using var scenario = await ScenarioAsync();
        var award = await scenario.AwardAsync(scenario.Passbook, CleanUp, Spouse);
        await scenario.AwardAsync(scenario.Passbook, Care);

        using var response = await CorrectAsync(scenario, award.GetProperty("eventId").GetGuid());

        var correction = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(award.GetProperty("eventId").GetGuid(), correction.GetProperty("correctedEventId").GetGuid());
        Assert.Equal("award", correction.GetProperty("correctedKind").GetString());
        Assert.Equal(Spouse, correction.GetProperty("member").GetString());
        Assert.Equal(-10, correction.GetProperty("points").GetInt64());
        Assert.Equal(5, correction.GetProperty("balance").GetInt64());
        Assert.Equal(10, (await scenario.HouseholdAsync()).GetProperty("corrected").GetInt64());
    }

    [Fact]
    public async Task Correcting_an_award_that_was_already_spent_leaves_the_balance_negative()
    {
        using var scenario = await ScenarioAsync();
        var award = await scenario.AwardAsync(scenario.Passbook, CleanUp);
        await scenario.AwardAsync(scenario.Passbook, CleanUp);
        await scenario.AwardAsync(scenario.Passbook, Litter);

        using var response = await CorrectAsync(scenario, award.GetProperty("eventId").GetGuid());

        var correction = await response.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(-10, correction.GetProperty("balance").GetInt64());
        Assert.Equal(-10, (await scenario.HouseholdAsync()).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Correcting_an_entry_twice_is_a_409_already_corrected_problem()
    {
        using var scenario = await ScenarioAsync();
        var award = await scenario.AwardAsync(scenario.Passbook, CleanUp);
        using var first = await CorrectAsync(scenario, award.GetProperty("eventId").GetGuid());
        await first.AssertStatusAsync(HttpStatusCode.Created);
        var before = await Api.HeadAsync();

        using var second = await CorrectAsync(scenario, award.GetProperty("eventId").GetGuid(), "再来一次");

        await second.AssertProblemAsync(HttpStatusCode.Conflict, "already-corrected");
        Assert.Equal(before, await Api.HeadAsync());
    }

    [Fact]
    public async Task Correcting_an_event_that_is_no_entry_of_the_household_is_404_and_its_opening_is_422()
    {
        using var scenario = await ScenarioAsync();
        var opening = (await Api.Store.ReadStreamToListAsync(StreamIds.Household(scenario.Passbook)))[0].EventId;

        using var unknown = await CorrectAsync(scenario, Guid.NewGuid());
        using var notCorrectable = await CorrectAsync(scenario, opening);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "entry-not-found");
        await notCorrectable.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "not-correctable");
    }

    [Theory]
    [InlineData("""{"reason":"没有事件"}""", HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed, "eventId")]
    [InlineData("""{"eventId":"01a1fbfa-9bc3-7092-99d9-5b0e7a8ac3ca","reason":""}""", HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed, "reason")]
    [InlineData("""{"eventId":"01a1fbfa-9bc3-7092-99d9-5b0e7a8ac3ca"}""", HttpStatusCode.BadRequest, ProblemTypes.ValidationFailed, "reason")]
    [InlineData("""{"eventId":"not-a-uuid","reason":"x"}""", HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest, null)]
    public async Task A_correction_that_breaks_the_rules_is_a_400_problem(string body, HttpStatusCode status, string slug, string? field)
    {
        using var scenario = await ScenarioAsync();

        using var response = await scenario.Committee.PostRawJsonAsync($"/api/households/{scenario.Passbook}/corrections", body);

        var problem = await response.AssertProblemAsync(status, slug);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        }
    }

    [Fact]
    public async Task A_clerk_of_the_community_may_not_correct_and_is_told_403()
    {
        using var scenario = await ScenarioAsync();
        var award = await scenario.AwardAsync(scenario.Passbook, CleanUp);

        using var response = await PostAsync(scenario.Clerk, $"/api/households/{scenario.Passbook}/corrections",
            new { eventId = award.GetProperty("eventId").GetGuid(), reason = "x" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }
}
