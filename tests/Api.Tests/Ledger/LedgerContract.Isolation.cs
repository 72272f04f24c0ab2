using System.Net;
using System.Text;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using static Ledger.Api.Tests.Support.CommunityScenario;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    private sealed record Attempt(string Name, HttpMethod Method, string Path, string? Body, HttpStatusCode Status, string Slug);

    [Fact]
    public async Task A_committee_key_of_community_a_can_neither_read_nor_change_anything_of_community_b()
    {
        using var a = await ScenarioAsync();
        using var b = await ScenarioAsync();
        var bAward = (await b.AwardAsync(b.Passbook, CleanUp)).GetProperty("eventId").GetGuid();
        var bActivity = await ScheduleAsync(b);
        var aActivity = await ScheduleAsync(a);
        var (cid, pb) = (b.CommunityId, b.Passbook);
        var attempts = new Attempt[]
        {
            new("read community", HttpMethod.Get, $"/api/communities/{cid}", null, HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("list rules", HttpMethod.Get, $"/api/communities/{cid}/rules", null, HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("define rule", HttpMethod.Post, $"/api/communities/{cid}/rules", """{"id":"x","name":"n","category":"c","points":999}""", HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("set policy", HttpMethod.Put, $"/api/communities/{cid}/deduction-policy", """{"policy":"stop-at-zero"}""", HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("open household", HttpMethod.Post, $"/api/communities/{cid}/households", """{"passbook":"intruder","headName":"x"}""", HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("read household", HttpMethod.Get, $"/api/households/{pb}", null, HttpStatusCode.NotFound, "household-not-found"),
            new("statement json", HttpMethod.Get, $"/api/households/{pb}/statement", null, HttpStatusCode.NotFound, "household-not-found"),
            new("statement csv", HttpMethod.Get, $"/api/households/{pb}/statement?format=csv", null, HttpStatusCode.NotFound, "household-not-found"),
            new("statement html", HttpMethod.Get, $"/api/households/{pb}/statement?format=html", null, HttpStatusCode.NotFound, "household-not-found"),
            new("award in b", HttpMethod.Post, $"/api/communities/{cid}/awards", $$"""{"passbook":"{{pb}}","ruleId":"care"}""", HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("award b's household in a", HttpMethod.Post, $"/api/communities/{a.CommunityId}/awards", $$"""{"passbook":"{{pb}}","ruleId":"care"}""", HttpStatusCode.NotFound, "household-not-found"),
            new("schedule activity", HttpMethod.Post, $"/api/communities/{cid}/activities", """{"id":"x","title":"t","organizer":{"kind":"enterprise","name":"n"},"date":"2025-03-15","points":5}""", HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("read activity", HttpMethod.Get, $"/api/communities/{cid}/activities/{bActivity}", null, HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("add participants", HttpMethod.Post, $"/api/communities/{cid}/activities/{bActivity}/participants", $$"""{"participants":[{"passbook":"{{a.Passbook}}"}]}""", HttpStatusCode.Forbidden, ProblemTypes.Forbidden),
            new("correct", HttpMethod.Post, $"/api/households/{pb}/corrections", $$"""{"eventId":"{{bAward}}","reason":"x"}""", HttpStatusCode.NotFound, "household-not-found"),
        };
        var before = await Api.HeadAsync();

        foreach (var attempt in attempts)
        {
            foreach (var client in new[] { a.Committee, a.Clerk })
            {
                using var request = new HttpRequestMessage(attempt.Method, attempt.Path);
                if (attempt.Body is not null)
                {
                    request.Content = new StringContent(attempt.Body, Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var expected = client == a.Clerk && attempt.Status == HttpStatusCode.NotFound && attempt.Method != HttpMethod.Get
                    ? HttpStatusCode.Forbidden // a clerk may not post awards or corrections at all: refused by role before anything is read
                    : attempt.Status;
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(expected == response.StatusCode, $"{attempt.Name}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
                Assert.Contains($"/problems/{(expected == HttpStatusCode.Forbidden ? ProblemTypes.Forbidden : attempt.Slug)}", body);
            }
        }

        // A's own activity does not award B's household either: it is reported, not awarded.
        using var participants = await PostAsync(a.Committee, $"/api/communities/{a.CommunityId}/activities/{aActivity}/participants",
            new { participants = new[] { new { passbook = pb } } });
        var report = await participants.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("household-not-found", report.GetProperty("rejected")[0].GetProperty("reason").GetString());
        Assert.Equal(before, await Api.HeadAsync());
        Assert.Equal(10, (await b.HouseholdAsync()).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Another_communitys_passbook_is_answered_exactly_like_one_that_does_not_exist()
    {
        using var a = await ScenarioAsync();
        using var b = await ScenarioAsync();
        var missing = NewId("pb");

        using var foreign = await a.Clerk.GetAsync($"/api/households/{b.Passbook}");
        using var absent = await a.Clerk.GetAsync($"/api/households/{missing}");

        var foreignProblem = await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
        var absentProblem = await absent.AssertProblemAsync(HttpStatusCode.NotFound, "household-not-found");
        Assert.Equal(
            absentProblem.GetProperty("detail").GetString()!.Replace(missing, "{pb}"),
            foreignProblem.GetProperty("detail").GetString()!.Replace(b.Passbook, "{pb}"));
        Assert.Equal(
            absentProblem.EnumerateObject().Select(p => p.Name).Order(),
            foreignProblem.EnumerateObject().Select(p => p.Name).Order());
    }
}
