using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    private sealed record Retry(HttpClient Client, string Path, object Body, object OtherBody);

    /// <summary>One ledger-changing request per endpoint, with a second body that differs from the first.</summary>
    private async Task<Retry> RetryOfAsync(CommunityScenario scenario, string endpoint)
    {
        switch (endpoint)
        {
            case "awards":
                return new Retry(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards",
                    new { passbook = scenario.Passbook, ruleId = CleanUp }, new { passbook = scenario.Passbook, ruleId = Care });
            case "households":
                var passbook = NewId("pb");
                return new Retry(scenario.Committee, $"/api/communities/{scenario.CommunityId}/households",
                    new { passbook, headName = "钱进" }, new { passbook, headName = "钱多" });
            case "participants":
                var activity = await ScheduleAsync(scenario);
                return new Retry(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities/{activity}/participants",
                    new { participants = new[] { new { passbook = scenario.Passbook } } },
                    new { participants = new[] { new { passbook = scenario.Passbook, member = Spouse } } });
            case "corrections":
                var award = (await scenario.AwardAsync(scenario.Passbook, CleanUp)).GetProperty("eventId").GetGuid();
                return new Retry(scenario.Committee, $"/api/households/{scenario.Passbook}/corrections",
                    new { eventId = award, reason = "误录" }, new { eventId = award, reason = "另一个原因" });
            case "rules":
                return new Retry(scenario.Committee, $"/api/communities/{scenario.CommunityId}/rules",
                    new { id = "tea", name = "茶艺志愿", category = "志愿服务", points = 4 }, new { id = "tea", name = "茶艺志愿", category = "志愿服务", points = 6 });
            case "activities":
                var id = NewId("act");
                return new Retry(scenario.Committee, $"/api/communities/{scenario.CommunityId}/activities", Activity(id), Activity(id, 9));
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null);
        }
    }

    [Theory]
    [InlineData("awards")]
    [InlineData("households")]
    [InlineData("participants")]
    [InlineData("corrections")]
    [InlineData("rules")]
    [InlineData("activities")]
    public async Task A_retry_with_the_same_idempotency_key_and_body_gets_the_same_answer_and_appends_nothing(string endpoint)
    {
        using var scenario = await ScenarioAsync();
        var retry = await RetryOfAsync(scenario, endpoint);
        var key = NewId("idem");
        using var first = await PostAsync(retry.Client, retry.Path, retry.Body, key);
        var firstBody = await first.AssertStatusAsync(HttpStatusCode.Created);
        var head = await Api.HeadAsync();

        // Deciding again would now be refused (the passbook is taken, the entry corrected, the member awarded...):
        // the retry is still answered with the first answer.
        using var replay = await PostAsync(retry.Client, retry.Path, retry.Body, key);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstBody.GetRawText(), (await replay.AssertStatusAsync(HttpStatusCode.Created)).GetRawText());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(head, await Api.HeadAsync());
    }

    [Theory]
    [InlineData("awards")]
    [InlineData("households")]
    [InlineData("participants")]
    [InlineData("corrections")]
    public async Task The_same_idempotency_key_with_another_body_is_a_422_problem_and_appends_nothing(string endpoint)
    {
        using var scenario = await ScenarioAsync();
        var retry = await RetryOfAsync(scenario, endpoint);
        var key = NewId("idem");
        using var first = await PostAsync(retry.Client, retry.Path, retry.Body, key);
        await first.AssertStatusAsync(HttpStatusCode.Created);
        var head = await Api.HeadAsync();

        using var reused = await PostAsync(retry.Client, retry.Path, retry.OtherBody, key);

        await reused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ProblemTypes.IdempotencyKeyReused);
        Assert.Equal(head, await Api.HeadAsync());
    }

    [Fact]
    public async Task An_idempotency_key_is_scoped_to_the_key_that_sent_it()
    {
        using var scenario = await ScenarioAsync();
        var second = await Api.IssueKeyAsync(Role.Committee, scenario.CommunityId, "第二位委员");
        using var secondClient = Api.CreateClient(second.Key);
        var key = NewId("idem");
        var body = new { passbook = scenario.Passbook, ruleId = Care };

        using var first = await PostAsync(scenario.Committee, $"/api/communities/{scenario.CommunityId}/awards", body, key);
        using var other = await PostAsync(secondClient, $"/api/communities/{scenario.CommunityId}/awards", body, key);

        await first.AssertStatusAsync(HttpStatusCode.Created);
        var entry = await other.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(10, entry.GetProperty("balance").GetInt64());
    }
}
