using System.Net;
using System.Net.Http.Json;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Leaderboards;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Fact]
    public async Task The_leaderboard_ranks_households_for_a_period_for_any_key_of_the_community()
    {
        var communityId = NewId("lb");
        var setup = await DomainSetup.CreateAsync(Api, communityId, "P1", "P2", "P3");
        await setup.AwardAsync("P1", 2);
        await setup.AwardAsync("P2", 3, "配偶");
        await setup.AwardAsync("P3", 2);
        var clerk = await Api.IssueKeyAsync(Role.Clerk, communityId);
        using var client = Api.CreateClient(clerk.Key);

        var board = await client.GetFromJsonAsync<LeaderboardResponse>(
            $"/api/communities/{communityId}/leaderboard?period=all&top=2", LedgerJson.Options);

        Assert.Equal(["P2:1:30", "P1:2:20", "P3:2:20"], board!.Entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}"));
        Assert.Equal([new MemberPoints("配偶", 30)], board.Entries[0].Members);
        Assert.Equal("户主P2", board.Entries[0].HeadName);
    }

    [Fact]
    public async Task The_leaderboard_refuses_other_communities_missing_keys_and_bad_periods()
    {
        var communityId = NewId("lb");
        await DomainSetup.CreateAsync(Api, communityId, "Q1");
        var otherId = NewId("lb");
        await Api.RegisterCommunityAsync(otherId);
        var stranger = await Api.IssueKeyAsync(Role.Committee, otherId);
        var auditor = await Api.IssueKeyAsync(Role.Auditor);
        var path = $"/api/communities/{communityId}/leaderboard";

        using (var response = await Api.CreateClient(stranger.Key).GetAsync(path))
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await Api.CreateClient((string?)null).GetAsync(path))
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var audit = Api.CreateClient(auditor.Key);
        var problem = await (await audit.GetAsync(path + "?period=2025-13")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _));
        await (await audit.GetAsync(path + "?top=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        await (await audit.GetAsync($"/api/communities/{NewId("none")}/leaderboard")).AssertProblemAsync(HttpStatusCode.NotFound, "community-not-found");
        Assert.Equal(HttpStatusCode.OK, (await audit.GetAsync(path + "?period=2025-Q1&asOf=2025-03-01T00:00:00Z")).StatusCode);
    }
}
